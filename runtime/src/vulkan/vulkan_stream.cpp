// Vulkan streams and events. The device has one compute queue, and every command is
// recorded into the device's batches between full barriers (VulkanDevice::enqueue), so
// the queue already runs all work in order: a stream needs no state of its own, it only
// names an order that the queue keeps anyway. An event is a one-query timestamp pool
// written by a command in that order; waiting for it waits for its batch.
#include "status.h"
#include "vulkan/vulkan_device.h"

namespace hm::rt::vulkan {
namespace {

class VulkanStream final : public Stream {
 public:
  explicit VulkanStream(std::shared_ptr<VulkanDevice> device) : device_(std::move(device)) {}
  Device& device() const override { return *device_; }
  // A panic record may be being written by a later submission of another stream, so
  // records are read only once the queue is idle: wait for all of it.
  hm_status synchronize() override { return device_->synchronize(); }

 private:
  std::shared_ptr<VulkanDevice> device_;
};

class VulkanEvent final : public Event {
 public:
  VulkanEvent(std::shared_ptr<VulkanDevice> device, VkQueryPool pool)
      : device_(std::move(device)), pool_(pool) {}
  ~VulkanEvent() override {
    device_->wait_quietly();  // a pending record may still write the query
    device_->api().vkDestroyQueryPool(device_->handle(), pool_, nullptr);
  }
  Device& device() const override { return *device_; }

  hm_status record(Stream*) override {
    const DeviceApi& api = device_->api();
    const bool timestamps = has_timestamps();
    uint64_t sequence = 0, position = 0;
    HM_TRY(device_->enqueue(
        [&](VkCommandBuffer commands) {
          // Without timestamps the command still marks the point to wait for.
          if (!timestamps) return HM_SUCCESS;
          api.vkCmdResetQueryPool(commands, pool_, 0, 1);
          // After the barrier that follows the previous command: all earlier work has
          // finished.
          api.vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, 0);
          return HM_SUCCESS;
        },
        // An event alone is not worth a submission: it goes with the next launch or
        // wait, so that a start event shares the batch of the launch it times.
        "", /*submit_now=*/false, &sequence, &position));
    sequence_ = sequence;
    position_ = position;
    return HM_SUCCESS;
  }

  hm_status synchronize() override {
    return sequence_ == 0 ? HM_SUCCESS : device_->wait_for(sequence_);
  }

  hm_status elapsed_ms(Event& end_event, float* ms) override {
    auto& end = static_cast<VulkanEvent&>(end_event);
    if (!has_timestamps()) {
      const VulkanDeviceSetup& setup = device_->setup();
      return fail(HM_ERROR_UNSUPPORTED,
                  str("hm_event_elapsed_ms: ", device_->spec(), " (", device_->info().name,
                      ") cannot time work: its compute queue (family ", setup.queue_family,
                      ") has no timestamp support (timestampValidBits = 0)"));
    }
    if (sequence_ == 0 || end.sequence_ == 0)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("hm_event_elapsed_ms: the ", sequence_ == 0 ? "start" : "end",
                      " event was never recorded (hm_event_record)"));
    // An end recorded before the start would read as a huge wrap; say so instead.
    if (end.position_ < position_)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  "hm_event_elapsed_ms: the end event was recorded before the start event");
    HM_TRY(synchronize());
    HM_TRY(end.synchronize());
    uint64_t start_ticks = 0, end_ticks = 0;
    HM_TRY(read_ticks(&start_ticks));
    HM_TRY(end.read_ticks(&end_ticks));
    const uint32_t bits = device_->setup().timestamp_valid_bits;
    const uint64_t mask = bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    // Masked difference: correct across one wrap of a counter narrower than 64 bits.
    const uint64_t ticks = (end_ticks - start_ticks) & mask;
    *ms = static_cast<float>(static_cast<double>(ticks) *
                             device_->setup().timestamp_period_ns / 1e6);
    return HM_SUCCESS;
  }

 private:
  bool has_timestamps() const { return device_->setup().timestamp_valid_bits != 0; }

  hm_status read_ticks(uint64_t* ticks) const {
    HM_VK_TRY(device_->api().vkGetQueryPoolResults(
                  device_->handle(), pool_, 0, 1, sizeof(*ticks), ticks, sizeof(*ticks),
                  VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
              "reading an event's timestamp (vkGetQueryPoolResults)");
    return HM_SUCCESS;
  }

  std::shared_ptr<VulkanDevice> device_;
  VkQueryPool pool_;
  uint64_t sequence_ = 0;  // the batch of the last record; 0: never recorded
  uint64_t position_ = 0;  // its place in the device's order of commands
};

}  // namespace

hm_status VulkanDevice::create_stream(std::shared_ptr<Stream>* out) {
  *out = std::make_shared<VulkanStream>(shared_from_this());
  return HM_SUCCESS;
}

hm_status VulkanDevice::create_event(std::shared_ptr<Event>* out) {
  VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = 1;
  VkQueryPool pool = VK_NULL_HANDLE;
  HM_VK_TRY(api().vkCreateQueryPool(handle(), &info, nullptr, &pool),
            "creating an event (vkCreateQueryPool)");
  *out = std::make_shared<VulkanEvent>(shared_from_this(), pool);
  return HM_SUCCESS;
}

}  // namespace hm::rt::vulkan
