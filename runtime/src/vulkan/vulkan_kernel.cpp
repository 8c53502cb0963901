// Vulkan modules and kernels: a kernel is a descriptor-set layout (one storage buffer
// per slice), a pipeline layout (plus the push-constant block) and one compute pipeline
// per block size, since the block size is a specialization constant (docs/abi.md).
#include <array>
#include <cstring>
#include <map>
#include <mutex>

#include "arg_layout.h"
#include "status.h"
#include "vulkan/spirv_module_info.h"
#include "vulkan/vulkan_device.h"

namespace hm::rt::vulkan {
namespace {

class VulkanModule final : public Module, public std::enable_shared_from_this<VulkanModule> {
 public:
  VulkanModule(std::shared_ptr<VulkanDevice> device, VkShaderModule module,
               SpirvModuleInfo info)
      : device_(std::move(device)), module_(module), info_(std::move(info)) {}
  ~VulkanModule() override {
    device_->api().vkDestroyShaderModule(device_->handle(), module_, nullptr);
  }
  Device& device() const override { return *device_; }
  VulkanDevice& vulkan_device() const { return *device_; }
  VkShaderModule handle() const { return module_; }

  hm_status get_kernel(const std::string& name, Signature signature,
                       std::shared_ptr<Kernel>* out) override;

 private:
  std::shared_ptr<VulkanDevice> device_;
  VkShaderModule module_;
  SpirvModuleInfo info_;
};

using BlockSize = std::array<uint32_t, 3>;

class VulkanKernel final : public Kernel {
 public:
  VulkanKernel(std::string name, Signature signature, std::shared_ptr<VulkanModule> module,
               SpirvEntryPoint entry, VulkanArgLayout layout)
      : Kernel(std::move(name), std::move(signature)),
        module_(std::move(module)),
        entry_(std::move(entry)),
        layout_(std::move(layout)) {}
  ~VulkanKernel() override;

  hm_status create_layouts();
  Device& device() const override { return module_->device(); }
  hm_status launch(const LaunchDims& dims, const std::vector<BoundArg>& args) override;

 private:
  VulkanDevice& vk() const { return module_->vulkan_device(); }
  hm_status pipeline_for(const BlockSize& block, VkPipeline* out);
  hm_status make_descriptor_set(const std::vector<BoundArg>& args, VkDescriptorPool* pool,
                                VkDescriptorSet* set);
  std::vector<uint8_t> pack_push_constants(const std::vector<BoundArg>& args) const;

  std::shared_ptr<VulkanModule> module_;
  SpirvEntryPoint entry_;
  VulkanArgLayout layout_;
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
  std::vector<VkDescriptorSetLayoutBinding> bindings(layout_.binding_params.size());
  for (uint32_t b = 0; b < bindings.size(); ++b) {
    bindings[b].binding = b;
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
  HM_VK_TRY(vk().api().vkCreateComputePipelines(vk().handle(), VK_NULL_HANDLE, 1, &info,
                                                nullptr, &pipeline),
            str("building the pipeline of kernel '", name(), "' for block ", block[0], "x",
                block[1], "x", block[2], " (vkCreateComputePipelines)"));
  pipelines_.emplace(block, pipeline);
  *out = pipeline;
  return HM_SUCCESS;
}

hm_status VulkanKernel::make_descriptor_set(const std::vector<BoundArg>& args,
                                            VkDescriptorPool* pool, VkDescriptorSet* set) {
  const DeviceApi& api = vk().api();
  const uint32_t count = static_cast<uint32_t>(layout_.binding_params.size());
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, count > 0 ? count : 1};
  VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pool_info.maxSets = 1;
  pool_info.poolSizeCount = 1;
  pool_info.pPoolSizes = &size;
  HM_VK_TRY(api.vkCreateDescriptorPool(vk().handle(), &pool_info, nullptr, pool),
            "vkCreateDescriptorPool");
  VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = *pool;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &set_layout_;
  VkResult result = api.vkAllocateDescriptorSets(vk().handle(), &alloc, set);
  if (result != VK_SUCCESS) {
    api.vkDestroyDescriptorPool(vk().handle(), *pool, nullptr);
    *pool = VK_NULL_HANDLE;
    return vk_fail(result, "vkAllocateDescriptorSets");
  }
  std::vector<VkDescriptorBufferInfo> buffers(count);
  std::vector<VkWriteDescriptorSet> writes(count);
  for (uint32_t b = 0; b < count; ++b) {
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
    writes[b] = VkWriteDescriptorSet{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[b].dstSet = *set;
    writes[b].dstBinding = b;
    writes[b].descriptorCount = 1;
    writes[b].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[b].pBufferInfo = &buffers[b];
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

hm_status VulkanKernel::launch(const LaunchDims& dims, const std::vector<BoundArg>& args) {
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
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  HM_TRY(make_descriptor_set(args, &pool, &set));
  const std::vector<uint8_t> push_constants = pack_push_constants(args);
  const DeviceApi& api = vk().api();
  return vk().submit(
      [&](VkCommandBuffer commands) {
        api.vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        api.vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE,
                                    pipeline_layout_, 0, 1, &set, 0, nullptr);
        if (!push_constants.empty())
          api.vkCmdPushConstants(commands, pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                                 static_cast<uint32_t>(push_constants.size()),
                                 push_constants.data());
        api.vkCmdDispatch(commands, dims.grid[0], dims.grid[1], dims.grid[2]);
      },
      name(), pool, /*wait=*/false);
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
  auto kernel = std::make_shared<VulkanKernel>(name, std::move(signature), shared_from_this(),
                                               *entry, std::move(layout));
  HM_TRY(kernel->create_layouts());
  *out = std::move(kernel);
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
  VkShaderModule module = VK_NULL_HANDLE;
  HM_VK_TRY(api().vkCreateShaderModule(handle(), &create, nullptr, &module),
            str("loading the SPIR-V module on ", spec(), " (vkCreateShaderModule)"));
  *out = std::make_shared<VulkanModule>(shared_from_this(), module, std::move(info));
  return HM_SUCCESS;
}

}  // namespace hm::rt::vulkan
