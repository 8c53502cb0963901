#include "panic_records.h"

#include <algorithm>

#include "status.h"

namespace hm::rt {

void PanicRecords::add(std::weak_ptr<PanicRecordOwner> owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  owners_.push_back(std::move(owner));
}

void PanicRecords::keep_final_panic(PanicRecordOwner& owner) {
  PanicRecord record;
  if (owner.read_panic_record(&record) != HM_SUCCESS || record.flag == 0) return;
  std::string message = describe_panic(record, &owner.metadata());
  std::lock_guard<std::mutex> lock(mutex_);
  unloaded_panics_.push_back(std::move(message));
}

hm_status PanicRecords::check() {
  // Declared before the lock: a module whose last reference is dropped here is
  // destroyed after the lock is released, since its destructor calls keep_final_panic.
  std::vector<std::shared_ptr<PanicRecordOwner>> live;
  std::lock_guard<std::mutex> lock(mutex_);
  owners_.erase(std::remove_if(owners_.begin(), owners_.end(),
                               [](const auto& owner) { return owner.expired(); }),
                owners_.end());
  std::vector<std::string> messages;
  for (const std::weak_ptr<PanicRecordOwner>& weak : owners_) {
    live.push_back(weak.lock());
    PanicRecordOwner* owner = live.back().get();
    if (owner == nullptr) continue;  // unloaded meanwhile
    PanicRecord record;
    HM_TRY(owner->read_panic_record(&record));
    if (record.flag == 0) continue;
    HM_TRY(owner->reset_panic_record());
    messages.push_back(describe_panic(record, &owner->metadata()));
  }
  messages.insert(messages.begin(), unloaded_panics_.begin(), unloaded_panics_.end());
  unloaded_panics_.clear();
  if (messages.empty()) return HM_SUCCESS;
  std::string joined;
  for (const std::string& message : messages) joined += (joined.empty() ? "" : "\n") + message;
  return fail(HM_ERROR_KERNEL_PANIC, joined);
}

}  // namespace hm::rt
