#include "aws/aws_managed.hpp"

#include <map>
#include <utility>

namespace stslab::aws {
namespace {

// The documents as AWS publishes them (AWS Managed Policy Reference Guide), except ReadOnlyAccess: AWS's lists
// read actions of every service; this one keeps the statements for the services the sandbox has.
const std::pair<const char*, const char*> kDocuments[] = {
    {"AdministratorAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"},
    {"PowerUserAccess", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
        {"Effect":"Allow","Action":["account:GetAccountInformation","account:GetPrimaryEmail","account:ListRegions",
          "iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization"],
         "Resource":"*"}]})"},
    {"ReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
        "ec2:Describe*","ec2:Get*","iam:Generate*","iam:Get*","iam:List*","iam:Simulate*","s3:Describe*","s3:Get*",
        "s3:List*","sts:GetAccessKeyInfo","sts:GetCallerIdentity","sts:GetSessionToken"],"Resource":"*"}]})"},
    {"AmazonS3FullAccess", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}]})"},
    {"AmazonS3ReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
        "s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]})"},
    {"AmazonEC2FullAccess", R"({"Version":"2012-10-17","Statement":[
        {"Action":"ec2:*","Effect":"Allow","Resource":"*"},
        {"Effect":"Allow","Action":"elasticloadbalancing:*","Resource":"*"},
        {"Effect":"Allow","Action":"cloudwatch:*","Resource":"*"},
        {"Effect":"Allow","Action":"autoscaling:*","Resource":"*"}]})"},
    {"AmazonEC2ReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},
        {"Effect":"Allow","Action":"elasticloadbalancing:Describe*","Resource":"*"},
        {"Effect":"Allow","Action":["cloudwatch:ListMetrics","cloudwatch:GetMetricStatistics","cloudwatch:Describe*"],"Resource":"*"},
        {"Effect":"Allow","Action":"autoscaling:Describe*","Resource":"*"}]})"},
    {"IAMFullAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*",
        "organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit",
        "organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents",
        "organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies",
        "organizations:ListTargetsForPolicy"],"Resource":"*"}]})"},
    {"IAMReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
        "iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*",
        "iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]})"},
    // More services' policies, each as its page shows it (page, version), for scenarios that attach them: their
    // calls are authorized only (services.hpp). A name with a path ("service-role/...") is the ARN's.
    // docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSQSReadOnlyAccess.html v4
    {"AmazonSQSReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Sid":"AmazonSQSReadOnlyAccess",
        "Effect":"Allow","Action":["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:ListDeadLetterSourceQueues",
        "sqs:ListQueues","sqs:ListMessageMoveTasks","sqs:ListQueueTags"],"Resource":"*"}]})"},
    // docs.aws.amazon.com/ja_jp/aws-managed-policy/latest/reference/AmazonSNSFullAccess.html v2
    {"AmazonSNSFullAccess", R"({"Version":"2012-10-17","Statement":[{"Sid":"SNSFullAccess","Effect":"Allow",
        "Action":"sns:*","Resource":"*"},{"Sid":"SMSAccessViaSNS","Effect":"Allow",
        "Action":["sms-voice:DescribeVerifiedDestinationNumbers","sms-voice:CreateVerifiedDestinationNumber",
        "sms-voice:SendDestinationNumberVerificationCode","sms-voice:SendTextMessage",
        "sms-voice:DeleteVerifiedDestinationNumber","sms-voice:VerifyDestinationNumber",
        "sms-voice:DescribeAccountAttributes","sms-voice:DescribeSpendLimits","sms-voice:DescribePhoneNumbers",
        "sms-voice:SetTextMessageSpendLimitOverride","sms-voice:DescribeOptedOutNumbers",
        "sms-voice:DeleteOptedOutNumber"],"Resource":"*",
        "Condition":{"StringEquals":{"aws:CalledViaLast":"sns.amazonaws.com"}}}]})"},
    // docs.aws.amazon.com/ko_kr/aws-managed-policy/latest/reference/AmazonSNSReadOnlyAccess.html v2
    {"AmazonSNSReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Sid":"SNSReadOnlyAccess","Effect":"Allow",
        "Action":["sns:GetTopicAttributes","sns:List*","sns:CheckIfPhoneNumberIsOptedOut",
        "sns:GetEndpointAttributes","sns:GetDataProtectionPolicy","sns:GetPlatformApplicationAttributes",
        "sns:GetSMSAttributes","sns:GetSMSSandboxAccountStatus","sns:GetSubscriptionAttributes"],"Resource":"*"},
        {"Sid":"SMSAccessViaSNS","Effect":"Allow","Action":["sms-voice:DescribeVerifiedDestinationNumbers",
        "sms-voice:DescribeAccountAttributes","sms-voice:DescribeSpendLimits","sms-voice:DescribePhoneNumbers",
        "sms-voice:DescribeOptedOutNumbers"],"Resource":"*",
        "Condition":{"StringEquals":{"aws:CalledViaLast":"sns.amazonaws.com"}}}]})"},
    // docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudTrail_ReadOnlyAccess.html v1
    {"AWSCloudTrail_ReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
        "Action":["cloudtrail:Get*","cloudtrail:Describe*","cloudtrail:List*","cloudtrail:LookupEvents"],
        "Resource":"*"}]})"},
    // docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSKeyManagementServicePowerUser.html v2
    {"AWSKeyManagementServicePowerUser", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
        "Action":["kms:CreateAlias","kms:CreateKey","kms:DeleteAlias","kms:Describe*","kms:GenerateRandom",
        "kms:Get*","kms:List*","kms:TagResource","kms:UntagResource","iam:ListGroups","iam:ListRoles",
        "iam:ListUsers"],"Resource":"*"}]})"},
    // docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html v1
    {"service-role/AWSLambdaBasicExecutionRole", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
        "Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})"},
    // docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsReadOnlyAccess.html v6
    {"AWSOrganizationsReadOnlyAccess", R"({"Version":"2012-10-17","Statement":[{"Sid":"AWSOrganizationsReadOnly",
        "Effect":"Allow","Action":["organizations:Describe*","organizations:List*"],"Resource":"*"},
        {"Sid":"AWSOrganizationsReadOnlyAccount","Effect":"Allow","Action":["account:GetAlternateContact",
        "account:GetContactInformation","account:ListRegions","account:GetRegionOptStatus",
        "account:GetPrimaryEmail"],"Resource":"*"}]})"},
};

// The task policies that scope an AssumeRoot session, as the IAM User Guide publishes them (security-iam-awsmanpol,
// IAMDeleteRootUserCredentials as changed on January 7, 2025). Each is Deny only: every action but the task's, and
// the task's on anything but a root user. SQSUnlockQueuePolicy is left out: its document is not on that page, and
// the sandbox has no SQS.
const std::pair<const char*, const char*> kTaskDocuments[] = {
    {"root-task/IAMAuditRootUserCredentials", R"({"Version":"2012-10-17","Statement":[
        {"Sid":"DenyAllOtherActionsOnAnyResource","NotAction":["iam:ListAccessKeys","iam:ListSigningCertificates",
         "iam:GetLoginProfile","iam:ListMFADevices","iam:GetAccountSummary","iam:GetUser","iam:GetAccessKeyLastUsed"],
         "Effect":"Deny","Resource":"*"},
        {"Sid":"DenyAuditingCredentialsOnNonRootUserResource","Action":["iam:ListAccessKeys",
         "iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser",
         "iam:GetAccessKeyLastUsed"],"Effect":"Deny","NotResource":"arn:aws:iam::*:root"}]})"},
    {"root-task/IAMCreateRootUserPassword", R"({"Version":"2012-10-17","Statement":[
        {"Sid":"DenyAllOtherActionsOnAnyResource","NotAction":["iam:CreateLoginProfile","iam:GetLoginProfile"],
         "Effect":"Deny","Resource":"*"},
        {"Sid":"DenyCreatingPasswordOnNonRootUserResource","Action":["iam:CreateLoginProfile","iam:GetLoginProfile"],
         "Effect":"Deny","NotResource":"arn:aws:iam::*:root"}]})"},
    {"root-task/IAMDeleteRootUserCredentials", R"({"Version":"2012-10-17","Statement":[
        {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","NotAction":["iam:DeleteAccessKey",
         "iam:DeleteSigningCertificate","iam:DeleteLoginProfile","iam:DeactivateMFADevice","iam:ListAccessKeys",
         "iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser",
         "iam:GetAccessKeyLastUsed"],"Resource":"*"},
        {"Sid":"DenyDeletingRootUserCredentialsOnNonRootUserResource","Effect":"Deny","Action":["iam:DeleteAccessKey",
         "iam:DeleteSigningCertificate","iam:DeleteLoginProfile","iam:DeactivateMFADevice","iam:ListAccessKeys",
         "iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser",
         "iam:GetAccessKeyLastUsed"],"NotResource":"arn:aws:iam::*:root"}]})"},
    {"root-task/S3UnlockBucketPolicy", R"({"Version":"2012-10-17","Statement":[
        {"Sid":"DenyAllOtherActionsOnAnyResource","NotAction":["s3:DeleteBucketPolicy","s3:PutBucketPolicy",
         "s3:GetBucketPolicy","s3:ListAllMyBuckets"],"Effect":"Deny","Resource":"*"},
        {"Sid":"DenyManagingBucketPolicyForNonRootCallers","Action":["s3:DeleteBucketPolicy","s3:PutBucketPolicy",
         "s3:GetBucketPolicy","s3:ListAllMyBuckets"],"Effect":"Deny","Resource":"*",
         "Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]})"},
};

// AWS managed policies by ARN, built from (path and name, document) pairs.
template <std::size_t N>
std::map<std::string, ManagedPolicy> build(const std::pair<const char*, const char*> (&documents)[N]) {
    std::map<std::string, ManagedPolicy> out;
    for (const auto& [name, text] : documents) {
        ManagedPolicy m;
        m.account = "aws";
        m.name = std::string(name).substr(std::string(name).rfind('/') + 1);
        m.arn = std::string("arn:aws:iam::aws:policy/") + name;
        m.policy = iam::compile_policy_text(text, iam::PolicyKind::Identity, m.name);
        out.emplace(m.arn, std::move(m));
    }
    return out;
}

const std::map<std::string, ManagedPolicy>& catalog() {
    static const std::map<std::string, ManagedPolicy> policies = build(kDocuments);
    return policies;
}

const std::map<std::string, ManagedPolicy>& task_catalog() {
    static const std::map<std::string, ManagedPolicy> policies = build(kTaskDocuments);
    return policies;
}

const ManagedPolicy* find(const std::map<std::string, ManagedPolicy>& policies, const std::string& arn) {
    const auto it = policies.find(arn);
    return it == policies.end() ? nullptr : &it->second;
}

std::vector<std::string> arns_of(const std::map<std::string, ManagedPolicy>& policies) {
    std::vector<std::string> arns;
    for (const auto& [arn, m] : policies) arns.push_back(arn);
    return arns;
}

}  // namespace

const ManagedPolicy* aws_managed_policy(const std::string& arn) { return find(catalog(), arn); }
std::vector<std::string> aws_managed_policy_arns() { return arns_of(catalog()); }
const ManagedPolicy* root_task_policy(const std::string& arn) { return find(task_catalog(), arn); }
std::vector<std::string> root_task_policy_arns() { return arns_of(task_catalog()); }

iam::Policy default_key_policy_for(const std::string& account) {
    const nlohmann::json document = {
        {"Version", "2012-10-17"},
        {"Id", "key-default-1"},
        {"Statement", {{{"Sid", "Enable IAM User Permissions"}, {"Effect", "Allow"},
                        {"Principal", {{"AWS", "arn:aws:iam::" + account + ":root"}}}, {"Action", "kms:*"}, {"Resource", "*"}}}}};
    return iam::compile_policy(document, iam::PolicyKind::Resource, "default key policy");
}

iam::Policy default_endpoint_policy() {
    const nlohmann::json document = {
        {"Statement", {{{"Effect", "Allow"}, {"Principal", "*"}, {"Action", "*"}, {"Resource", "*"}}}}};
    return iam::compile_policy(document, iam::PolicyKind::Endpoint, "default endpoint policy");
}

}  // namespace stslab::aws
