// The viewer's own words, English and Korean side by side in one table: menus, panel titles and tabs, the
// inspector's headings, the map's legend and labels, the transport, CloudTrail's headings, hints and status lines.
//
// AWS's own words stay English in both languages: operation names, error codes, ARNs, policy JSON and its elements,
// CloudTrail's fields, SAML and token fields. They are what a student will see in AWS. The simulator's explanations
// come in both languages from sim/ (each step's detail and detail_ko, the summary and summary_ko): the inspector
// shows the one of the view's language.
//
// An entry with printf conversions takes the same arguments in the same order in both languages (tests/viz checks
// it), so a caller formats either one with the same call. The font atlas holds only the Hangul it is given:
// load_fonts (fonts.hpp) adds every Korean text of this table.
#pragma once

#include <cstddef>
#include <string>

namespace stslab::viz {

enum class Language { English, Korean };

enum class Ui {
    // Menus and dialogs
    MenuFile, MenuOpen, MenuCompare, MenuReload, MenuSavePng, MenuExportMermaid, MenuExportPlantUml, MenuQuit,
    MenuView, MenuDarkTheme, MenuLightTheme, MenuUiScale, MenuFitWindow, MenuFullScreen, MenuFollowCursor,
    MenuHelp, MenuAbout,
    PickerTitle, PickerCompare, PickerOpen, PickerNone, PickerHasErrors, Cancel,
    AboutText, AboutScenarios, Close,
    // Status lines (also printed in English in the terminal, where scripts follow them)
    StatusCouldNotLoad, StatusReloaded, StatusReloadFailed, StatusWrote, StatusCouldNotWrite,
    // Transport and timeline
    TipFirst, TipBack, TipPlay, TipPause, TipForward, TipLast, Speed, NoReplayOpen, StepOfTime, KeysHint,
    // World map
    WorldMap, WorldOf, WorldNoScenario, CouldNotBeLoaded, FileHasErrors, MoreOnHover, ShownInInspector,
    ShowInInspector, PaneWaits, PaneEnded, MapLegend,
    KindUser, KindRole, KindBucket, KindInstance, KindKmsKey, KindVpcEndpoint, KindAccessPoint, KindSamlProvider, KindOidcProvider, KindRoot, KindActor,
    ManagementAccount, MemberAccount, MemberAccountScp, MemberAccountOu, MemberAccountOuScp, NoFullAwsAccess, NotInOrganization, OutsideAws, AwsServices, MoreNodes, MoreNodesShort, RequestOn, FoldedNodes, ScpLevels, RcpLevels,
    CallFailed, ActsAs, TrustPolicy, BucketPolicy, KeyPolicy, EndpointPolicy, AccessPointPolicy, InstanceNetwork, DefaultEncryption, HoldsSession, HoldsCredentials, RevokedAll, Revoked, MoreCredentials,
    SignedAs, SignedWithKeyOf,
    // Sequence diagram
    SequenceDiagram, SequenceOf, SequenceNoScenario, NoMessages, SentArrives, StepId, ClickToMove,
    // Inspector
    Inspector, InspectorOf, CloudTrailOf, LeftPane, RightPane, InspectorNoScenario, InspectorStart, StepHeader, RunEndedHere,
    TabToken, TabDecision, TabMessage, TabRequest, TabResponse, TabCredentials,
    NoPolicyEvaluated, NoDecisionNeeded, AuthorizedButFailed, AnswerNotYet, NotSigned, HeldAtCursor,
    HeldFromStart, SignedWith, IssuedByCall, Principal, HeldBy, LongTermKey, IssuedExpires, TimeLeft, ExpiredAgo, NoExpiry,
    Allowed, ExplicitlyDenied, ExplicitlyDeniedBy, ImplicitlyDenied, ImplicitlyDeniedNo, Why, EvaluationOrder,
    PoliciesConsidered, OrganizationLevel, PolicyDenies, PolicyAllows, PolicyNoStatement,
    Applies, DoesNotApply, Decided, Condition, InThisRequest, KeyAbsent, NoDocument, TheDocument,
    SamlDecoded, TokenDecoded, WhatIdpSigned, ChangedAfterSigning, SignedByOther, NoIdpInScenario,
    // The simulator's policy types (iam::policy_type_name), named in the viewer's own sentences
    PolicyIdentity, PolicyResource, PolicyTrust, PolicyBoundary, PolicySession, PolicyScp, PolicyRcp, PolicyEndpoint,
    // The steps of an explained decision (iam/evaluate.cpp) and their outcomes, shown in the inspector's table
    EvalWhoMayCall, EvalExplicitDeny, EvalRcps, EvalScps, EvalEndpoint, EvalResource, EvalTrust, EvalIdentity, EvalBoundary,
    EvalSession, OutcomePass, OutcomeDeny, OutcomeAllow, OutcomeSkipped,
    // Where a message comes from in the scenario file (describe_origin)
    OriginStep, OriginAction, OriginTrigger,
    // CloudTrail
    AllAccounts, FilterHint, FilterTip, ColumnTime, ColumnAccount, ColumnEvent, ColumnIdentity, CloudTrailNoScenario,
    NoRecordsYet,
    // Narration
    Narration, KoreanName, NarrationNoScenario, StepForwardToBegin, Passed, Failed,
    Count
};

struct UiText {
    Ui id;
    const char* en;
    const char* ko;
};

inline constexpr UiText kUiTexts[] = {
    {Ui::MenuFile, "File", "파일"},
    {Ui::MenuOpen, "Open scenario...", "시나리오 열기..."},
    {Ui::MenuCompare, "Compare with...", "비교할 시나리오 열기..."},
    {Ui::MenuReload, "Reload", "다시 불러오기"},
    {Ui::MenuSavePng, "Save window as PNG", "창을 PNG로 저장"},
    {Ui::MenuExportMermaid, "Export sequence as Mermaid", "시퀀스를 Mermaid로 내보내기"},
    {Ui::MenuExportPlantUml, "Export sequence as PlantUML", "시퀀스를 PlantUML로 내보내기"},
    {Ui::MenuQuit, "Quit", "종료"},
    {Ui::MenuView, "View", "보기"},
    {Ui::MenuDarkTheme, "Dark theme", "어두운 테마"},
    {Ui::MenuLightTheme, "Light theme", "밝은 테마"},
    {Ui::MenuUiScale, "UI scale", "화면 배율"},
    {Ui::MenuFitWindow, "Fit the window", "창 크기에 맞춤"},
    {Ui::MenuFullScreen, "Full screen", "전체 화면"},
    {Ui::MenuFollowCursor, "Keep the cursor in view", "현재 단계를 화면에 유지"},
    {Ui::MenuHelp, "Help", "도움말"},
    {Ui::MenuAbout, "About stslab", "stslab 정보"},
    {Ui::PickerTitle, "Open scenario", "시나리오 열기"},
    {Ui::PickerCompare, "Pick a scenario to show beside the open one (one shared cursor).",
     "열린 시나리오 옆에 나란히 볼 시나리오를 고르세요(두 시나리오가 같은 단계로 움직입니다)."},
    {Ui::PickerOpen, "Pick a scenario to replay (or drop a file on the window).",
     "재생할 시나리오를 고르세요(파일을 창에 끌어다 놓아도 됩니다)."},
    {Ui::PickerNone, "No scenario files found in scenarios/.", "scenarios/에서 시나리오 파일을 찾지 못했습니다."},
    {Ui::PickerHasErrors, "(has errors)", "(오류 있음)"},
    {Ui::Cancel, "Cancel", "취소"},
    {Ui::AboutText, "stslab %s: a simulator and teaching sandbox for AWS STS role assumption.",
     "stslab %s: AWS STS 역할 수임을 배우는 시뮬레이터이자 실습 환경입니다."},
    {Ui::AboutScenarios, "Scenarios: %s/scenarios", "시나리오: %s/scenarios"},
    {Ui::Close, "Close", "닫기"},

    {Ui::StatusCouldNotLoad, "could not load %s (the faults are shown in the window)",
     "%s 파일을 불러오지 못했습니다(오류는 창에 표시됩니다)"},
    {Ui::StatusReloaded, "reloaded %s", "%s 파일을 다시 불러왔습니다"},
    {Ui::StatusReloadFailed, "reload failed: %s has errors; the last good run stays",
     "다시 불러오기 실패: %s 파일에 오류가 있어 마지막으로 성공한 실행을 그대로 보여 줍니다"},
    {Ui::StatusWrote, "wrote %s", "%s 파일을 저장했습니다"},
    {Ui::StatusCouldNotWrite, "could not write %s", "%s 파일을 저장하지 못했습니다"},

    {Ui::TipFirst, "First step (Home)", "처음으로 (Home)"},
    {Ui::TipBack, "Step back (Left)", "이전 단계 (왼쪽 화살표)"},
    {Ui::TipPlay, "Play (Space)", "재생 (Space)"},
    {Ui::TipPause, "Pause (Space)", "일시 정지 (Space)"},
    {Ui::TipForward, "Step forward (Right)", "다음 단계 (오른쪽 화살표)"},
    {Ui::TipLast, "Last step (End)", "마지막 단계 (End)"},
    {Ui::Speed, "speed", "속도"},
    {Ui::NoReplayOpen, "no replay open", "열린 시나리오 없음"},
    {Ui::StepOfTime, "step %zu / %zu   t = %s", "단계 %zu / %zu   t = %s"},
    {Ui::KeysHint, "   Space play  Left/Right step  Home/End  N next AssumeRole  F11 full screen  F12 PNG",
     "   Space 재생  좌우 화살표 단계 이동  Home/End  N 다음 AssumeRole  F11 전체 화면  F12 PNG"},

    {Ui::WorldMap, "World map", "구성도"},
    {Ui::WorldOf, "World: %s", "구성도: %s"},
    {Ui::WorldNoScenario,
     "No scenario open. The world map draws accounts, principals and trust here (File > Open, or drop a scenario "
     "file on the window).",
     "열린 시나리오가 없습니다. 구성도는 여기에 계정, 보안 주체, 신뢰 관계를 그립니다(파일 > 시나리오 열기, 또는 "
     "시나리오 파일을 창에 끌어다 놓기)."},
    {Ui::CouldNotBeLoaded, "%s could not be loaded:", "%s 파일을 불러올 수 없습니다:"},
    {Ui::FileHasErrors, "The file has errors; showing the last good run. %s",
     "파일에 오류가 있어 마지막으로 성공한 실행을 보여 줍니다. %s"},
    {Ui::MoreOnHover, "  (more: hover)", "  (더 보려면 마우스를 올리세요)"},
    {Ui::ShownInInspector, "in the inspector below", "아래 인스펙터에 표시 중"},
    {Ui::ShowInInspector, "inspect this one", "이쪽을 인스펙터에 표시"},
    {Ui::PaneWaits, "waits while the other run calls", "다른 실행이 호출하는 동안 대기"},
    {Ui::PaneEnded, "this run has ended", "이 실행은 끝났습니다"},
    {Ui::MapLegend, "dashed: may assume (a role's trust); green dots: holds a session; hover for details",
     "파선: 역할 수임 가능(신뢰 정책); 초록 점선: 세션 보유; 마우스를 올리면 자세히"},
    {Ui::KindUser, "user", "사용자"},
    {Ui::KindRole, "role", "역할"},
    {Ui::KindBucket, "bucket", "버킷"},
    {Ui::KindInstance, "instance", "인스턴스"},
    {Ui::KindKmsKey, "kms key", "KMS 키"},
    {Ui::KindVpcEndpoint, "vpc endpoint", "VPC 엔드포인트"},
    {Ui::KindAccessPoint, "access point", "액세스 포인트"},
    {Ui::KindSamlProvider, "saml-provider", "SAML 공급자"},
    {Ui::KindOidcProvider, "oidc-provider", "OIDC 공급자"},
    {Ui::KindRoot, "root user", "루트 사용자"},
    {Ui::KindActor, "actor", "행위자"},
    {Ui::ManagementAccount, "management account: no SCP applies", "관리 계정: SCP가 적용되지 않음"},
    {Ui::MemberAccount, "member account", "멤버 계정"},
    {Ui::MemberAccountScp, "member account, SCP %s", "멤버 계정, SCP %s"},
    {Ui::MemberAccountOu, "member account in %s", "%s의 멤버 계정"},
    {Ui::MemberAccountOuScp, "member account in %s, SCP %s", "%s의 멤버 계정, SCP %s"},
    {Ui::NoFullAwsAccess, " (no FullAWSAccess)", " (FullAWSAccess 없음)"},
    {Ui::NotInOrganization, "not in the organization", "조직에 속하지 않은 계정"},
    {Ui::OutsideAws, "outside AWS", "AWS 외부"},
    {Ui::AwsServices, "AWS services", "AWS 서비스"},
    {Ui::MoreNodes, "+%zu more", "+%zu개 더"},
    {Ui::MoreNodesShort, "+%zu", "+%zu개"},
    {Ui::RequestOn, "%s on %s", "%s, 리소스 %s"},
    {Ui::FoldedNodes, "No room on the map for:", "지도에 자리가 없어 접은 항목:"},
    {Ui::ScpLevels, "SCPs by level: a call needs an Allow at every level, and a Deny at any refuses it",
     "수준별 SCP: 호출은 모든 수준에서 Allow가 필요하며, 어느 수준의 Deny든 호출을 거부합니다"},
    {Ui::RcpLevels, "RCPs by level, for calls on this account's resources",
     "수준별 RCP: 이 계정의 리소스에 대한 호출에 적용"},
    {Ui::CallFailed, "the call failed: %s", "호출 실패: %s"},
    {Ui::ActsAs, "actor %s acts as this principal", "이 보안 주체로 동작하는 행위자: %s"},
    {Ui::TrustPolicy, "trust policy", "신뢰 정책"},
    {Ui::BucketPolicy, "bucket policy", "버킷 정책"},
    {Ui::KeyPolicy, "key policy", "키 정책"},
    {Ui::EndpointPolicy, "endpoint policy (%s, %s)", "엔드포인트 정책 (%s, %s)"},
    {Ui::AccessPointPolicy, "for the bucket %s, network origin %s; access point policy:", "버킷 %s용, 네트워크 오리진 %s. 액세스 포인트 정책:"},
    {Ui::InstanceNetwork, "in %s, private IPv4 address %s: where EC2 delivers its role's credentials",
     "%s 안, 프라이빗 IPv4 주소 %s: EC2가 역할 자격 증명을 전달하는 곳"},
    {Ui::DefaultEncryption, "default encryption: %s", "기본 암호화: %s"},
    {Ui::HoldsSession, "%s (%s left) holds the session %s", "%s (%s 남음): 세션 %s 보유"},
    {Ui::HoldsCredentials, "%s (%s left) holds %s", "%s (%s 남음): %s 보유"},
    {Ui::RevokedAll, ", revoked: denied everything", ", 세션 취소됨: 모든 요청 거부"},
    {Ui::Revoked, " revoked", " 취소됨"},
    {Ui::MoreCredentials, "+%zu more credentials", "+%zu개 자격 증명 더"},
    {Ui::SignedAs, "as %s", "%s 신원으로"},
    {Ui::SignedWithKeyOf, "with %s's key", "%s의 키로"},

    {Ui::SequenceDiagram, "Sequence diagram", "시퀀스 다이어그램"},
    {Ui::SequenceOf, "Sequence: %s", "시퀀스: %s"},
    {Ui::SequenceNoScenario, "No scenario open. The sequence diagram draws one lane per actor and AWS service here.",
     "열린 시나리오가 없습니다. 시퀀스 다이어그램은 여기에 행위자와 AWS 서비스마다 레인을 하나씩 그립니다."},
    {Ui::NoMessages, "This scenario sent no messages.", "이 시나리오는 메시지를 보내지 않았습니다."},
    {Ui::SentArrives, "sent %s, arrives %s", "보냄 %s, 도착 %s"},
    {Ui::StepId, ", step %s", ", 단계 %s"},
    {Ui::ClickToMove, "click to move the replay here", "클릭하면 재생이 이 단계로 이동합니다"},

    {Ui::Inspector, "Inspector", "인스펙터"},
    {Ui::InspectorOf, "Inspector (%s): %s", "인스펙터 (%s): %s"},
    {Ui::CloudTrailOf, "CloudTrail (%s): %s", "CloudTrail 기록 (%s): %s"},
    {Ui::LeftPane, "left", "왼쪽"},
    {Ui::RightPane, "right", "오른쪽"},
    {Ui::InspectorNoScenario,
     "No scenario open. The inspector shows a step's request, response, credentials and the reason AWS allowed or "
     "denied it.",
     "열린 시나리오가 없습니다. 인스펙터는 각 단계의 요청, 응답, 자격 증명과 AWS가 허용하거나 거부한 이유를 "
     "보여 줍니다."},
    {Ui::InspectorStart,
     "The start: nothing has happened yet. Step forward (Right arrow) or click an arrow in the sequence diagram to "
     "inspect it.",
     "시작: 아직 아무 일도 일어나지 않았습니다. 다음 단계로 이동(오른쪽 화살표)하거나 시퀀스 다이어그램의 화살표를 "
     "클릭해 살펴보세요."},
    {Ui::StepHeader, "Step %zu of %zu   sent %s   %s -> %s", "단계 %zu / %zu   전송 %s   %s -> %s"},
    {Ui::RunEndedHere, "This run ended here; the other one goes on.", "이 실행은 여기서 끝났고, 다른 실행은 계속됩니다."},
    {Ui::TabToken, "Token", "토큰"},
    {Ui::TabDecision, "Decision", "평가 결과"},
    {Ui::TabMessage, "Message", "메시지"},
    {Ui::TabRequest, "Request", "요청"},
    {Ui::TabResponse, "Response", "응답"},
    {Ui::TabCredentials, "Credentials", "자격 증명"},
    {Ui::NoPolicyEvaluated, "No policy was evaluated: the call failed before authorization (see Response).",
     "평가한 정책이 없습니다. 권한 확인 전에 호출이 실패했습니다(응답 탭 참고)."},
    {Ui::NoDecisionNeeded, "This call needs no authorization decision (for example sts:GetCallerIdentity).",
     "이 호출은 권한 확인이 필요 없습니다(예: sts:GetCallerIdentity)."},
    {Ui::AuthorizedButFailed, "Authorized, but the call failed: %s (see Response).",
     "권한은 허용되었지만 호출이 실패했습니다: %s (응답 탭 참고)."},
    {Ui::AnswerNotYet, "The answer has not arrived yet at the cursor.", "현재 단계에는 아직 응답이 도착하지 않았습니다."},
    {Ui::NotSigned, "The call was not signed with any credentials.", "이 호출은 어떤 자격 증명으로도 서명되지 않았습니다."},
    {Ui::HeldAtCursor, "Held at the cursor:", "현재 단계에서 보유한 자격 증명:"},
    {Ui::HeldFromStart, "held from the start", "처음부터 보유"},
    {Ui::SignedWith, "signed with", "서명에 사용한 자격 증명"},
    {Ui::IssuedByCall, "issued by this call", "이 호출로 발급됨"},
    {Ui::Principal, "principal %s", "보안 주체 %s"},
    {Ui::HeldBy, "held by %s", "보유자 %s"},
    {Ui::LongTermKey, "long-term", "장기 액세스 키"},
    {Ui::IssuedExpires, "issued %s, expires %s", "발급 %s, 만료 %s"},
    {Ui::TimeLeft, "%s left (simulated time)", "%s 남음 (시뮬레이션 시간)"},
    {Ui::ExpiredAgo, "expired %s ago", "%s 전에 만료됨"},
    {Ui::NoExpiry, "long-term access key: no expiry", "장기 액세스 키: 만료 없음"},
    {Ui::Allowed, "Allowed", "허용"},
    {Ui::ExplicitlyDenied, "Explicitly denied", "명시적 거부"},
    {Ui::ExplicitlyDeniedBy, "Explicitly denied by a Deny in %s", "명시적 거부: %s의 Deny 문"},
    {Ui::ImplicitlyDenied, "Implicitly denied", "암시적 거부"},
    {Ui::ImplicitlyDeniedNo, "Implicitly denied: no %s allows it", "암시적 거부: 허용하는 %s 없음"},
    {Ui::Why, "Why: %s", "거부 이유: %s"},
    {Ui::EvaluationOrder, "The evaluation, in AWS's order:", "평가 과정 (AWS의 평가 순서):"},
    {Ui::PoliciesConsidered, "Policies considered:", "검토한 정책:"},
    {Ui::OrganizationLevel, " (organization level %d)", " (조직 수준 %d)"},
    {Ui::PolicyDenies, "  - denies", "  - 거부"},
    {Ui::PolicyAllows, "  - allows", "  - 허용"},
    {Ui::PolicyNoStatement, "  - no statement applies", "  - 적용되는 문 없음"},
    {Ui::Applies, ": applies", ": 적용됨"},
    {Ui::DoesNotApply, ": does not apply", ": 적용 안 됨"},
    {Ui::Decided, "  <- decided", "  <- 결정"},
    {Ui::Condition, "%s %s: policy %s%s, request %s", "%s %s: 정책 값 %s%s, 요청 값 %s"},
    {Ui::InThisRequest, " (in this request %s)", " (이 요청에서는 %s)"},
    {Ui::KeyAbsent, "(key absent)", "(키 없음)"},
    {Ui::NoDocument, "(no document)", "(문서 없음)"},
    {Ui::TheDocument, "the document", "정책 문서"},
    {Ui::SamlDecoded, "SAML assertion, decoded", "SAML 어설션 (디코딩)"},
    {Ui::TokenDecoded, "Token, decoded: header and claims", "토큰 (디코딩): 헤더와 클레임"},
    {Ui::WhatIdpSigned, "%s (what the IdP signed)", "%s (IdP가 서명한 그대로)"},
    {Ui::ChangedAfterSigning, "%s: changed after the IdP signed it, so its signature no longer matches",
     "%s: IdP가 서명한 뒤 바뀌어 서명이 더 이상 맞지 않습니다"},
    {Ui::SignedByOther, "%s: signed by %s, but its issuer names %s, whose key STS checks it with",
     "%s: 서명한 IdP는 %s, Issuer에 적힌 IdP는 %s입니다. STS는 Issuer의 키로 서명을 확인합니다"},
    {Ui::NoIdpInScenario, "no IdP in this scenario", "이 시나리오에 없는 IdP"},
    {Ui::PolicyIdentity, "identity-based policy", "자격 증명 기반 정책"},
    {Ui::PolicyResource, "resource-based policy", "리소스 기반 정책"},
    {Ui::PolicyTrust, "role trust policy", "역할 신뢰 정책"},
    {Ui::PolicyBoundary, "permissions boundary", "권한 경계"},
    {Ui::PolicySession, "session policy", "세션 정책"},
    {Ui::PolicyScp, "service control policy", "서비스 제어 정책(SCP)"},
    {Ui::PolicyRcp, "resource control policy", "리소스 제어 정책(RCP)"},
    {Ui::PolicyEndpoint, "VPC endpoint policy", "VPC 엔드포인트 정책"},
    {Ui::EvalWhoMayCall, "Who may call", "호출 자격"},
    {Ui::EvalExplicitDeny, "Explicit deny", "명시적 거부"},
    {Ui::EvalRcps, "Resource control policies", "리소스 제어 정책(RCP)"},
    {Ui::EvalScps, "Service control policies", "서비스 제어 정책(SCP)"},
    {Ui::EvalEndpoint, "VPC endpoint policy", "VPC 엔드포인트 정책"},
    {Ui::EvalResource, "Resource-based policy", "리소스 기반 정책"},
    {Ui::EvalTrust, "Role trust policy", "역할 신뢰 정책"},
    {Ui::EvalIdentity, "Identity-based policies", "자격 증명 기반 정책"},
    {Ui::EvalBoundary, "Permissions boundary", "권한 경계"},
    {Ui::EvalSession, "Session policy", "세션 정책"},
    {Ui::OutcomePass, "pass", "통과"},
    {Ui::OutcomeDeny, "deny", "거부"},
    {Ui::OutcomeAllow, "allow", "허용"},
    {Ui::OutcomeSkipped, "skipped", "해당 없음"},
    {Ui::OriginStep, "scenario step %s", "시나리오 단계 %s"},
    {Ui::OriginAction, "%s's action %s, handling %s", "%s의 동작 %s, 계기: %s"},
    {Ui::OriginTrigger, "step %s", "단계 %s"},

    {Ui::AllAccounts, "all accounts", "모든 계정"},
    {Ui::FilterHint, "filter", "필터"},
    {Ui::FilterTip, "Shows the records whose event, identity, error or any other text contains what you type",
     "이벤트, 사용자, 오류 등 어떤 텍스트든 입력한 내용을 포함하는 기록만 보여 줍니다"},
    {Ui::ColumnTime, "time", "시간"},
    {Ui::ColumnAccount, "account", "계정"},
    {Ui::ColumnEvent, "event", "이벤트"},
    {Ui::ColumnIdentity, "identity", "사용자"},
    {Ui::CloudTrailNoScenario, "No scenario open. Every API call the replay makes adds its CloudTrail record here.",
     "열린 시나리오가 없습니다. 재생 중 API 호출이 일어날 때마다 그 CloudTrail 레코드가 여기에 추가됩니다."},
    {Ui::NoRecordsYet, "No CloudTrail records yet: they appear as the replay makes calls.",
     "아직 CloudTrail 레코드가 없습니다. 재생하면서 호출이 일어나면 나타납니다."},

    {Ui::Narration, "Narration", "해설"},
    {Ui::KoreanName, "Korean", "한국어"},
    {Ui::NarrationNoScenario, "No scenario open. Each step's story appears here as the replay runs.",
     "열린 시나리오가 없습니다. 재생하면 각 단계의 설명이 여기에 나타납니다."},
    {Ui::StepForwardToBegin, "Step forward to begin.", "다음 단계로 이동하여 시작하세요."},
    {Ui::Passed, "PASS - as expected: ", "통과 - 예상대로: "},
    {Ui::Failed, "FAIL - ", "실패 - "},
};

// The table is indexed by Ui: one entry per id, in the enum's order.
static_assert(sizeof kUiTexts / sizeof kUiTexts[0] == static_cast<std::size_t>(Ui::Count), "one entry per Ui id");
constexpr bool ui_texts_in_order() {
    for (std::size_t i = 0; i < static_cast<std::size_t>(Ui::Count); ++i)
        if (kUiTexts[i].id != static_cast<Ui>(i)) return false;
    return true;
}
static_assert(ui_texts_in_order(), "kUiTexts lists the Ui ids in the enum's order");

// The text of `id` in `language`.
inline const char* tr(Ui id, Language language) {
    const UiText& t = kUiTexts[static_cast<std::size_t>(id)];
    return language == Language::Korean ? t.ko : t.en;
}

// The text of `id` in `language`, its printf conversions filled in with the arguments (plain values and C strings).
std::string trf(Ui id, Language language, ...);

// A label whose ImGui id stays the same in every language ("평가 결과###decision"): switching the language keeps a
// window's scroll, a tab bar's selection and a popup open.
std::string tr_label(Ui id, Language language, const char* imgui_id);

// What a decision's label adds to its request, " (no such role)", " (at the access point hr-ap)", in `language`
// (trace/label_notes.hpp).
std::string label_note(const std::string& added, Language language);

// A policy type as the simulator names it ("role trust policy") in `language`; one it does not know, as it is.
std::string policy_type(const std::string& name, Language language);
// An explained decision's step ("Explicit deny") and outcome ("skipped") as the simulator names them, in `language`;
// one it does not know, as it is.
std::string evaluation_step(const std::string& name, Language language);
std::string evaluation_outcome(const std::string& outcome, Language language);

}  // namespace stslab::viz
