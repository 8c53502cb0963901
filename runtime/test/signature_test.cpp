#include "signature.h"

#include <gtest/gtest.h>

#include "status.h"

namespace hm::rt {
namespace {

hm_status make_one(hm_param_desc desc, Signature* out) {
  return make_signature("k", &desc, 1, out);
}

TEST(Signature, AlignZeroMeansSize) {
  Signature s;
  ASSERT_EQ(make_one({HM_PARAM_SCALAR, 8, 0, nullptr}, &s), HM_SUCCESS);
  EXPECT_EQ(s.params[0].align, 8u);
}

TEST(Signature, RejectsUnknownKindZeroSizeAndBadAlignment) {
  Signature s;
  EXPECT_EQ(make_one({static_cast<hm_param_kind>(42), 4, 4, "p"}, &s), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("unknown kind 42"), std::string::npos);
  EXPECT_EQ(make_one({HM_PARAM_SCALAR, 0, 0, nullptr}, &s), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("size is 0"), std::string::npos);
  EXPECT_EQ(make_one({HM_PARAM_SCALAR, 4, 3, nullptr}, &s), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("not a power of two"), std::string::npos);
  EXPECT_EQ(make_one({HM_PARAM_SCALAR, 6, 4, nullptr}, &s), HM_ERROR_INVALID_ARGUMENT);
}

TEST(Signature, NullArrayWithParametersIsAnError) {
  Signature s;
  EXPECT_EQ(make_signature("k", nullptr, 2, &s), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(make_signature("k", nullptr, 0, &s), HM_SUCCESS);
}

TEST(Signature, DescribeNamesTheParameter) {
  Signature s;
  hm_param_desc descs[] = {{HM_PARAM_SCALAR, 4, 4, "a"}, {HM_PARAM_SLICE_RW, 4, 4, nullptr}};
  ASSERT_EQ(make_signature("k", descs, 2, &s), HM_SUCCESS);
  EXPECT_EQ(describe_param(s, 0), "argument 0 'a' (4-byte scalar)");
  EXPECT_EQ(describe_param(s, 1), "argument 1 (&mut [T] with 4-byte T)");
}

}  // namespace
}  // namespace hm::rt
