// AWS managed policies (arn:aws:iam::aws:policy/NAME), which every account can attach without declaring them:
// a scenario written from the format page can only attach these (API_AttachRolePolicy, PolicyArns).
#pragma once

#include "aws/world.hpp"

#include <string>
#include <vector>

namespace stslab::aws {

// The AWS managed policy with this ARN, or null when the sandbox does not know it.
const ManagedPolicy* aws_managed_policy(const std::string& arn);
// The ARNs the sandbox knows, for hints in error messages and the docs.
std::vector<std::string> aws_managed_policy_arns();

}  // namespace stslab::aws
