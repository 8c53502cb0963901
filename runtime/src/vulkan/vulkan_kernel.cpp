// Vulkan modules and kernels: a kernel is a descriptor-set layout (one storage buffer
// per slice, plus the module's panic record for kernels that can panic), a pipeline
// layout (plus the push-constant block) and one compute pipeline per block size, since
// the block size is a specialization constant (docs/abi.md), built through the device's
// pipeline cache.
#include <array>
#include <cstring>
#include <map>
#include <mutex>

#include "arg_layout.h"
#include "module_metadata.h"
#include "panic_message.h"
#include "status.h"
#include "vulkan/spirv_module_info.h"
#include "vulkan/vulkan_device.h"

namespace hm::rt::vulkan {
namespace {

// The module's panic record: a small host-visible buffer, mapped for good, bound at
// each panicking kernel's panic binding.
struct PanicBuffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  PanicRecord* mapped = nullptr;
};

class VulkanModule final : public Module,
                           public PanicRecordOwner,
                           public std::enable_shared_from_this<VulkanModule> {
 public:
  VulkanModule(std::shared_ptr<VulkanDevice> device, VkShaderModule module,
               SpirvModuleInfo info, ModuleMetadata metadata, PanicBuffer panic)
      : device_(std::move(device)),
        module_(module),
        info_(std::move(info)),
        metadata_(std::move(metadata)),
        panic_(panic) {}
  ~VulkanModule() override {
    const DeviceApi& api = device_->api();
    if (panic_.buffer) {
      device_->wait_quietly();  // kernels hold the module, but be sure nothing runs
      device_->panic_records().keep_final_panic(*this);
      api.vkDestroyBuffer(device_->handle(), panic_.buffer, nullptr);
      api.vkFreeMemory(device_->handle(), panic_.memory, nullptr);
    }
    api.vkDestroyShaderModule(device_->handle(), module_, nullptr);
  }
  Device& device() const override { return *device_; }
  VulkanDevice& vulkan_device() const { return *device_; }
  VkShaderModule handle() const { return module_; }
  VkBuffer panic_buffer() const { return panic_.buffer; }

  hm_status get_kernel(const std::string& name, Signature signature,
                       std::shared_ptr<Kernel>* out) override;

  const ModuleMetadata& metadata() const override { return metadata_; }
  hm_status read_panic_record(PanicRecord* out) override {
    std::memcpy(out, panic_.mapped, sizeof(*out));  // coherent memory, device idle
    return HM_SUCCESS;
  }
  hm_status reset_panic_record() override {
    std::memset(static_cast<void*>(panic_.mapped), 0, sizeof(PanicRecord));
    return HM_SUCCESS;
  }

 private:
  std::shared_ptr<VulkanDevice> device_;
  VkShaderModule module_;
  SpirvModuleInfo info_;
  ModuleMetadata metadata_;
  PanicBuffer panic_;  // null buffer when no kernel of the module can panic
};

using BlockSize = std::array<uint32_t, 3>;

class VulkanKernel final : public Kernel {
 public:
  VulkanKernel(std::string name, Signature signature, std::shared_ptr<VulkanModule> module,
               SpirvEntryPoint entry, VulkanArgLayout layout, const KernelMetadata& metadata)
      : Kernel(std::move(name), std::move(signature), metadata.max_threads),
        module_(std::move(module)),
        entry_(std::move(entry)),
        layout_(std::move(layout)),
        panic_binding_(metadata.panic_binding) {}
  ~VulkanKernel() override;

  hm_status create_layouts();
  Device& device() const override { return module_->device(); }
  // Every stream feeds the device's one queue (vulkan_stream.cpp): `stream` changes
  // nothing.
  hm_status launch(const LaunchDims& dims, const std::vector<BoundArg>& args,
                   Stream* stream) override;

 private:
  VulkanDevice& vk() const { return module_->vulkan_device(); }
  hm_status pipeline_for(const BlockSize& block, VkPipeline* out);
  // Only inside VulkanDevice::enqueue (the set belongs to the open batch).
  hm_status make_descriptor_set(const std::vector<BoundArg>& args, VkDescriptorSet* set);
  std::vector<uint8_t> pack_push_constants(const std::vector<BoundArg>& args) const;

  std::shared_ptr<VulkanModule> module_;
  SpirvEntryPoint entry_;
  VulkanArgLayout layout_;
  int32_t panic_binding_;  // -1: the kernel cannot panic
  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout pipeline_layout_ = VK_NULL_HANDLE;
  std::mutex pipelines_mutex_;
  std::map<BlockSize, VkPipeline> pipelines_;  // built on first launch with each size
};

VulkanKernel::~VulkanKernel() {
  vk().wait_quietly();  // pending launches may use the pipelines
  const DeviceApi& api = vk().api();
  for (auto& [block, pipeline] : pipelines_) api.vkDestroyPipeline(vk().handle(), pipeline, nullptr);
  if (pipeline_layout_) api.vkDestroyPipelineLayout(vk().handle(), pipeline_layout_, nullptr);
  if (set_layout_) api.vkDestroyDescriptorSetLayout(vk().handle(), set_layout_, nullptr);
}

hm_status VulkanKernel::create_layouts() {
  const DeviceApi& api = vk().api();
  // Slices at bindings 0..n-1, then the panic record where the metadata puts it.
  std::vector<VkDescriptorSetLayoutBinding> bindings(layout_.binding_params.size() +
                                                     (panic_binding_ >= 0 ? 1 : 0));
  for (uint32_t b = 0; b < bindings.size(); ++b) {
    bindings[b].binding = b < layout_.binding_params.size()
                              ? b
                              : static_cast<uint32_t>(panic_binding_);
    bindings[b].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    bindings[b].descriptorCount = 1;
    bindings[b].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
  }
  VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  set_info.bindingCount = static_cast<uint32_t>(bindings.size());
  set_info.pBindings = bindings.data();
  HM_VK_TRY(api.vkCreateDescriptorSetLayout(vk().handle(), &set_info, nullptr, &set_layout_),
            str("kernel '", name(), "': vkCreateDescriptorSetLayout"));

  VkPushConstantRange range{};
  range.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
  range.size = static_cast<uint32_t>(layout_.push_constant_bytes);
  VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  info.setLayoutCount = 1;
  info.pSetLayouts = &set_layout_;
  info.pushConstantRangeCount = range.size > 0 ? 1 : 0;
  info.pPushConstantRanges = &range;
  HM_VK_TRY(api.vkCreatePipelineLayout(vk().handle(), &info, nullptr, &pipeline_layout_),
            str("kernel '", name(), "': vkCreatePipelineLayout"));
  return HM_SUCCESS;
}

hm_status VulkanKernel::pipeline_for(const BlockSize& block, VkPipeline* out) {
  std::lock_guard<std::mutex> lock(pipelines_mutex_);
  auto found = pipelines_.find(block);
  if (found != pipelines_.end()) {
    *out = found->second;
    return HM_SUCCESS;
  }
  // Specialization constants 0, 1, 2 = block size x, y, z (u32).
  VkSpecializationMapEntry entries[3];
  for (uint32_t i = 0; i < 3; ++i) entries[i] = {i, i * 4u, sizeof(uint32_t)};
  VkSpecializationInfo specialization{};
  specialization.mapEntryCount = 3;
  specialization.pMapEntries = entries;
  specialization.dataSize = sizeof(block);
  specialization.pData = block.data();

  VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module_->handle();
  info.stage.pName = name().c_str();
  info.stage.pSpecializationInfo = &specialization;
  info.layout = pipeline_layout_;
  VkPipeline pipeline = VK_NULL_HANDLE;
  HM_VK_TRY(vk().api().vkCreateComputePipelines(vk().handle(), vk().pipeline_cache(), 1, &info,
                                                nullptr, &pipeline),
            str("building the pipeline of kernel '", name(), "' for block ", block[0], "x",
                block[1], "x", block[2], " (vkCreateComputePipelines)"));
  pipelines_.emplace(block, pipeline);
  *out = pipeline;
  return HM_SUCCESS;
}

hm_status VulkanKernel::make_descriptor_set(const std::vector<BoundArg>& args,
                                            VkDescriptorSet* set) {
  const DeviceApi& api = vk().api();
  const uint32_t slices = static_cast<uint32_t>(layout_.binding_params.size());
  const uint32_t count = slices + (panic_binding_ >= 0 ? 1 : 0);
  // From the open batch's pools, recycled once the batch has finished.
  HM_TRY(vk().allocate_descriptor_set(set_layout_, count, set));
  std::vector<VkDescriptorBufferInfo> buffers(count);
  std::vector<VkWriteDescriptorSet> writes(count);
  for (uint32_t b = 0; b < count; ++b) {
    writes[b] = VkWriteDescriptorSet{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[b].dstSet = *set;
    writes[b].dstBinding = b;
    writes[b].descriptorCount = 1;
    writes[b].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[b].pBufferInfo = &buffers[b];
    if (b == slices) {  // the panic record
      writes[b].dstBinding = static_cast<uint32_t>(panic_binding_);
      buffers[b].buffer = module_->panic_buffer();
      buffers[b].offset = 0;
      buffers[b].range = kPanicRecordBytes;
      continue;
    }
    const BoundArg& arg = args[layout_.binding_params[b]];
    const uint32_t element = signature().params[layout_.binding_params[b]].size;
    buffers[b].buffer = static_cast<VulkanBuffer*>(arg.buffer)->handle();
    if (arg.count == 0) {
      // Empty slice: Vulkan has no empty range; bind the buffer's start (the kernel
      // sees length 0 and reads nothing).
      buffers[b].offset = 0;
      buffers[b].range = kMinBufferBytes;
    } else {
      buffers[b].offset = arg.byte_offset;
      buffers[b].range = arg.count * element;
    }
  }
  if (count > 0) api.vkUpdateDescriptorSets(vk().handle(), count, writes.data(), 0, nullptr);
  return HM_SUCCESS;
}

std::vector<uint8_t> VulkanKernel::pack_push_constants(const std::vector<BoundArg>& args) const {
  std::vector<uint8_t> block(layout_.push_constant_bytes, 0);
  for (const PushConstantField& field : layout_.push_constant_fields) {
    const BoundArg& arg = args[field.param];
    if (field.is_slice_length) {
      const uint64_t length = arg.count;
      std::memcpy(block.data() + field.offset, &length, sizeof(length));
    } else {
      std::memcpy(block.data() + field.offset, arg.scalar.data(), field.size);
    }
  }
  return block;
}

hm_status VulkanKernel::launch(const LaunchDims& dims, const std::vector<BoundArg>& args,
                              Stream*) {
  if (entry_.fixed_workgroup_size && *entry_.fixed_workgroup_size != dims.block) {
    const BlockSize& fixed = *entry_.fixed_workgroup_size;
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str("launch of '", name(), "': the SPIR-V module fixes the block size to ",
                    fixed[0], "x", fixed[1], "x", fixed[2], " (no specialization "
                    "constants for it), but the launch asks for ", dims.block[0], "x",
                    dims.block[1], "x", dims.block[2]));
  }
  VkPipeline pipeline = VK_NULL_HANDLE;
  HM_TRY(pipeline_for(dims.block, &pipeline));
  const std::vector<uint8_t> push_constants = pack_push_constants(args);
  const DeviceApi& api = vk().api();
  // Recorded into the device's open batch, submitted when the queue is idle or at the
  // next wait (VulkanDevice::enqueue).
  return vk().enqueue(
      [&](VkCommandBuffer commands) {
        VkDescriptorSet set = VK_NULL_HANDLE;
        HM_TRY(make_descriptor_set(args, &set));
        api.vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        api.vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE,
                                    pipeline_layout_, 0, 1, &set, 0, nullptr);
        if (!push_constants.empty())
          api.vkCmdPushConstants(commands, pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                                 static_cast<uint32_t>(push_constants.size()),
                                 push_constants.data());
        api.vkCmdDispatch(commands, dims.grid[0], dims.grid[1], dims.grid[2]);
        return HM_SUCCESS;
      },
      name());
}

hm_status VulkanModule::get_kernel(const std::string& name, Signature signature,
                                   std::shared_ptr<Kernel>* out) {
  const SpirvEntryPoint* entry = nullptr;
  std::string available;
  for (const SpirvEntryPoint& e : info_.compute_entry_points) {
    if (e.name == name) entry = &e;
    available += str(available.empty() ? "" : ", ", "'", e.name, "'");
  }
  if (entry == nullptr)
    return fail(HM_ERROR_NOT_FOUND,
                str("the SPIR-V module has no compute entry point named '", name, "' (it has ",
                    available.empty() ? std::string("none") : available, ")"));

  VulkanArgLayout layout = vulkan_arg_layout(signature);
  const hm_device_limits& limits = device_->limits();
  if (layout.push_constant_bytes > limits.max_scalar_bytes)
    return fail(HM_ERROR_UNSUPPORTED,
                str("kernel '", name, "' needs ", layout.push_constant_bytes,
                    " bytes of push constants for its scalars and slice lengths, but ",
                    device_->spec(), " has ", limits.max_scalar_bytes));
  // Without a `kernel` line (modules from other tools): no limits, no panic record.
  const KernelMetadata* found = metadata_.find_kernel(name);
  const KernelMetadata metadata = found ? *found : KernelMetadata{};
  if (metadata.shared_bytes > device_->max_shared_bytes())
    return fail(HM_ERROR_UNSUPPORTED,
                str("kernel '", name, "' uses ", metadata.shared_bytes,
                    " bytes of shared memory (gpu::shared) but ", device_->spec(), " (",
                    device_->info().name, ") allows at most ", device_->max_shared_bytes(),
                    " bytes per workgroup (maxComputeSharedMemorySize)"));
  if (metadata.panic_binding >= 0 &&
      static_cast<size_t>(metadata.panic_binding) < layout.binding_params.size())
    return fail(HM_ERROR_INVALID_MODULE,
                str("kernel '", name, "': the module's metadata puts the panic record at "
                    "binding ", metadata.panic_binding, ", which ",
                    describe_param(signature, layout.binding_params[metadata.panic_binding]),
                    " uses; the record comes after the slices (docs/abi.md)"));
  auto kernel = std::make_shared<VulkanKernel>(name, std::move(signature), shared_from_this(),
                                               *entry, std::move(layout), metadata);
  HM_TRY(kernel->create_layouts());
  *out = std::move(kernel);
  return HM_SUCCESS;
}

// A zeroed, mapped record for a module whose kernels can panic.
hm_status create_panic_buffer(VulkanDevice& device, PanicBuffer* out) {
  const DeviceApi& api = device.api();
  const VkDevice handle = device.handle();
  PanicBuffer panic;
  HM_TRY(create_vk_buffer(api, handle, kPanicRecordBytes, device.host_visible_type_index(),
                          &panic.buffer, &panic.memory));
  void* mapped = nullptr;
  VkResult result = api.vkMapMemory(handle, panic.memory, 0, VK_WHOLE_SIZE, 0, &mapped);
  if (result != VK_SUCCESS) {
    api.vkDestroyBuffer(handle, panic.buffer, nullptr);
    api.vkFreeMemory(handle, panic.memory, nullptr);
    return vk_fail(result, "mapping a module's panic record (vkMapMemory)");
  }
  std::memset(mapped, 0, kPanicRecordBytes);
  panic.mapped = static_cast<PanicRecord*>(mapped);
  *out = panic;
  return HM_SUCCESS;
}

}  // namespace

hm_status VulkanDevice::load_module(hm_module_format format, const void* data, size_t bytes,
                                    std::shared_ptr<Module>* out) {
  (void)format;  // only SPIR-V reaches here (accepts())
  if (bytes % 4 != 0)
    return fail(HM_ERROR_INVALID_MODULE,
                str("SPIR-V module of ", bytes, " bytes: the size must be a multiple of 4"));
  // vkCreateShaderModule wants 4-byte aligned words; the caller's bytes may not be.
  std::vector<uint32_t> words(bytes / 4);
  std::memcpy(words.data(), data, bytes);
  SpirvModuleInfo info;
  HM_TRY(read_spirv_module_info(words.data(), words.size(), &info));

  VkShaderModuleCreateInfo create{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  create.codeSize = bytes;
  create.pCode = words.data();
  ModuleMetadata metadata;
  if (!info.metadata.empty()) HM_TRY(parse_module_metadata(info.metadata, &metadata));
  PanicBuffer panic;
  for (const KernelMetadata& kernel : metadata.kernels)
    if (kernel.panic_binding >= 0 && panic.buffer == VK_NULL_HANDLE)
      HM_TRY(create_panic_buffer(*this, &panic));

  VkShaderModule module = VK_NULL_HANDLE;
  VkResult result = api().vkCreateShaderModule(handle(), &create, nullptr, &module);
  if (result != VK_SUCCESS) {
    if (panic.buffer) api().vkDestroyBuffer(handle(), panic.buffer, nullptr);
    if (panic.memory) api().vkFreeMemory(handle(), panic.memory, nullptr);
    return vk_fail(result, str("loading the SPIR-V module on ", spec(),
                               " (vkCreateShaderModule)"));
  }
  auto loaded = std::make_shared<VulkanModule>(shared_from_this(), module, std::move(info),
                                               std::move(metadata), panic);
  if (panic.buffer) panic_records_.add(loaded);
  *out = std::move(loaded);
  return HM_SUCCESS;
}

}  // namespace hm::rt::vulkan
