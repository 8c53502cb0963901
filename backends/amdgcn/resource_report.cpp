#include "backends/amdgcn/resource_report.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/BinaryFormat/MsgPackDocument.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

namespace hematite {

std::string amdgpuResourceReport(llvm::StringRef object, llvm::StringRef gfx) {
  auto elf = llvm::object::ELF64LEFile::create(object);
  if (!elf) {
    llvm::consumeError(elf.takeError());
    return "";
  }
  auto sections = elf->sections();
  if (!sections) {
    llvm::consumeError(sections.takeError());
    return "";
  }
  std::string out;
  for (const auto &section : *sections) {
    if (section.sh_type != llvm::ELF::SHT_NOTE)
      continue;
    llvm::Error error = llvm::Error::success();
    for (const auto &note : elf->notes(section, error)) {
      if (note.getName() != "AMDGPU" || note.getType() != llvm::ELF::NT_AMDGPU_METADATA)
        continue;
      llvm::ArrayRef<uint8_t> desc = note.getDesc(section.sh_addralign);
      llvm::msgpack::Document doc;
      if (!doc.readFromBlob(llvm::StringRef(reinterpret_cast<const char *>(desc.data()),
                                            desc.size()),
                            /*Multi=*/false))
        continue;
      llvm::msgpack::DocNode &root = doc.getRoot();
      if (!root.isMap())
        continue;
      llvm::msgpack::DocNode &kernels = root.getMap()["amdhsa.kernels"];
      if (!kernels.isArray())
        continue;
      for (llvm::msgpack::DocNode &kernel : kernels.getArray()) {
        if (!kernel.isMap())
          continue;
        llvm::msgpack::MapDocNode map = kernel.getMap();
        auto number = [&](llvm::StringRef key) -> std::string {
          llvm::msgpack::DocNode &node = map[key];
          if (node.getKind() == llvm::msgpack::Type::UInt)
            return std::to_string(node.getUInt());
          if (node.getKind() == llvm::msgpack::Type::Int)
            return std::to_string(node.getInt());
          return "0";
        };
        llvm::msgpack::DocNode &name = map[".name"];
        out += "kernel '" + (name.isString() ? name.getString().str() : std::string("?")) +
               "' on " + gfx.str() + ": " + number(".vgpr_count") + " VGPRs, " +
               number(".agpr_count") + " AGPRs, " + number(".sgpr_count") + " SGPRs, " +
               number(".group_segment_fixed_size") + " bytes shared, " +
               number(".private_segment_fixed_size") + " bytes scratch, " +
               number(".vgpr_spill_count") + " VGPR spills, " +
               number(".sgpr_spill_count") + " SGPR spills\n";
      }
    }
    llvm::consumeError(std::move(error));
  }
  return out;
}

} // namespace hematite
