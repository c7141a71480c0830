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

// The task policies that scope an AssumeRoot session (API_AssumeRoot, TaskPolicyArn), by ARN
// (arn:aws:iam::aws:policy/root-task/NAME); null for any other. "You can't attach NAME to your IAM entities"
// (security-iam-awsmanpol): aws_managed_policy() does not know them.
const ManagedPolicy* root_task_policy(const std::string& arn);
std::vector<std::string> root_task_policy_arns();

// KMS's default key policy for keys of `account`: "gives the AWS account that owns the KMS key permission to use IAM
// policies to allow access to all AWS KMS operations on the KMS key" (kms key-policy-default, its statement "Enable
// IAM User Permissions").
iam::Policy default_key_policy_for(const std::string& account);

// The policy a VPC endpoint has when none is attached: "The default endpoint policy grants full access through the
// endpoint" (vpc-endpoints-access, "Default endpoint policy").
iam::Policy default_endpoint_policy();

}  // namespace stslab::aws
