// The device-independent half of panic reporting: which records are read, reset and
// reported, with stand-in modules.
#include "panic_records.h"

#include <gtest/gtest.h>

#include "status.h"

namespace hm::rt {
namespace {

class FakeModule final : public PanicRecordOwner {
 public:
  explicit FakeModule(ModuleMetadata metadata = {}) : metadata_(std::move(metadata)) {}
  const ModuleMetadata& metadata() const override { return metadata_; }
  hm_status read_panic_record(PanicRecord* out) override {
    ++reads;
    if (read_fails) return fail(HM_ERROR_BACKEND, "read failed");
    *out = record;
    return HM_SUCCESS;
  }
  hm_status reset_panic_record() override {
    record = PanicRecord{};
    return HM_SUCCESS;
  }

  PanicRecord record;
  int reads = 0;
  bool read_fails = false;

 private:
  ModuleMetadata metadata_;
};

ModuleMetadata gather_metadata() {
  ModuleMetadata metadata;
  PanicSite site;
  site.site = 3;
  site.kernel = "gather";
  site.file = "kernels/gather.rs";
  site.line = 7;
  site.column = 13;
  site.types = {PanicValueType::kU64, PanicValueType::kU64};
  site.message = "index out of bounds: the len is {} but the index is {}";
  metadata.panics.push_back(site);
  return metadata;
}

void panic_at(FakeModule& module, uint32_t site, uint64_t a = 0, uint64_t b = 0) {
  module.record.flag = 1;
  module.record.site = site;
  module.record.values[0] = a;
  module.record.values[1] = b;
}

TEST(PanicRecords, NothingSetIsSuccess) {
  PanicRecords records;
  EXPECT_EQ(records.check(), HM_SUCCESS);
  auto module = std::make_shared<FakeModule>();
  records.add(module);
  EXPECT_EQ(records.check(), HM_SUCCESS);
  EXPECT_EQ(module->reads, 1);
}

TEST(PanicRecords, ReportsOnceAndResets) {
  PanicRecords records;
  auto module = std::make_shared<FakeModule>(gather_metadata());
  records.add(module);
  panic_at(*module, 3, 100, 120);
  EXPECT_EQ(records.check(), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(last_error_message(),
               "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
               "index out of bounds: the len is 100 but the index is 120");
  EXPECT_EQ(module->record.flag, 0u);
  EXPECT_EQ(records.check(), HM_SUCCESS);  // the device stays usable
}

TEST(PanicRecords, UnknownSiteAndSeveralModules) {
  PanicRecords records;
  auto first = std::make_shared<FakeModule>(gather_metadata());
  auto quiet = std::make_shared<FakeModule>();
  auto second = std::make_shared<FakeModule>();  // no metadata
  records.add(first);
  records.add(quiet);
  records.add(second);
  panic_at(*first, 3, 1, 2);
  panic_at(*second, 5);
  EXPECT_EQ(records.check(), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(last_error_message(),
               "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
               "index out of bounds: the len is 1 but the index is 2\n"
               "kernel panicked (site 5, no metadata)");
  EXPECT_EQ(first->record.flag, 0u);
  EXPECT_EQ(second->record.flag, 0u);
}

TEST(PanicRecords, UnloadedModulesKeepTheirLastPanic) {
  PanicRecords records;
  auto module = std::make_shared<FakeModule>(gather_metadata());
  auto quiet = std::make_shared<FakeModule>();
  auto live = std::make_shared<FakeModule>();
  records.add(module);
  records.add(quiet);
  records.add(live);
  panic_at(*module, 3, 5, 6);
  panic_at(*live, 4);
  // What the backends' module destructors do before the record goes away.
  records.keep_final_panic(*module);
  records.keep_final_panic(*quiet);  // nothing recorded: nothing kept
  module.reset();
  quiet.reset();
  EXPECT_EQ(records.check(), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(last_error_message(),
               "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
               "index out of bounds: the len is 5 but the index is 6\n"
               "kernel panicked (site 4, no metadata)");
  EXPECT_EQ(records.check(), HM_SUCCESS);
}

TEST(PanicRecords, ReadFailuresAreReported) {
  PanicRecords records;
  auto module = std::make_shared<FakeModule>();
  module->read_fails = true;
  records.add(module);
  EXPECT_EQ(records.check(), HM_ERROR_BACKEND);
  EXPECT_STREQ(last_error_message(), "read failed");
}

}  // namespace
}  // namespace hm::rt
