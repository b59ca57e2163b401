using System.Collections.Frozen;
using System.Globalization;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;

namespace CrmFlow.Server.Resources;

/// <summary>
/// Every text of the web UI in English and simplified Chinese, in one place. The language is the current UI
/// culture (cookie set by the language switch, else the browser's Accept-Language, else English).
/// </summary>
public sealed class UiText
{
    private static readonly FrozenDictionary<string, (string En, string Zh)> Texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        // Shell and sign-in
        ["ToggleMenu"] = ("Toggle menu", "切换菜单"),
        ["SignOut"] = ("Sign out", "退出登录"),
        ["SignIn"] = ("Sign in", "登录"),
        ["SignInTitle"] = ("Sign in to CrmFlow", "登录 CrmFlow"),
        ["UserName"] = ("User name", "用户名"),
        ["Password"] = ("Password", "密码"),
        ["WrongPassword"] = ("Wrong user name or password.", "用户名或密码错误。"),
        ["AccessDeniedTitle"] = ("Access denied", "无权访问"),
        ["AccessDenied"] = ("Your roles do not allow this page.", "您的角色无权访问此页面。"),
        ["Customers"] = ("Customers", "客户档案"),
        ["Prospects"] = ("Prospect customers", "意向客户"),
        ["Contacts"] = ("Contacts", "联系人"),
        ["Overview360"] = ("Customer 360", "客户全貌"),
        ["Permissions"] = ("Data permissions", "数据权限"),
        ["WorkflowStudio"] = ("Workflow Studio", "流程设计器"),

        // Lists and filters
        ["Search"] = ("Search", "搜索"),
        ["SearchHint"] = ("Code or name", "编码或名称"),
        ["ContactSearchHint"] = ("Name, phone or e-mail", "姓名、电话或邮箱"),
        ["Industry"] = ("Industry", "行业"),
        ["Region"] = ("Region", "地区"),
        ["Owner"] = ("Owner", "专管业务员"),
        ["NoOwner"] = ("No owner", "无"),
        ["ApplyFilters"] = ("Search", "查询"),
        ["Code"] = ("Code", "编码"),
        ["Name"] = ("Name", "名称"),
        ["CreatedBy"] = ("Created by", "创建人"),
        ["Customer"] = ("Customer", "客户"),
        ["Title"] = ("Title", "职务"),
        ["Phone"] = ("Phone", "电话"),
        ["Email"] = ("E-mail", "邮箱"),
        ["NoCustomers"] = ("No customers match.", "没有符合条件的客户。"),
        ["NoContacts"] = ("No contacts match.", "没有符合条件的联系人。"),
        ["RowsPerPage"] = ("Rows per page:", "每页行数："),

        // Allocation
        ["SelectedCount"] = ("{0} selected", "已选 {0} 个"),
        ["SelfDeveloped"] = ("Self-developed", "自拓"),
        ["Rep"] = ("Sales rep", "业务员"),
        ["AssignToRep"] = ("Assign to rep", "选择分配"),
        ["Reclaim"] = ("Reclaim", "资源回收"),
        ["ConfirmAllocationTitle"] = ("Allocate customers", "客户资源分配"),
        ["ConfirmSelfDeveloped"] = ("Make the creator the owner of {0} customer(s)?", "将 {0} 个客户的专管业务员设为创建人？"),
        ["ConfirmAssign"] = ("Assign {0} customer(s) to {1}? This does not grant data permission.", "将 {0} 个客户分配给 {1}？分配不授予数据权限。"),
        ["ConfirmReclaim"] = ("Reclaim {0} customer(s) (no owner)?", "回收 {0} 个客户（清空专管业务员）？"),
        ["Confirm"] = ("Confirm", "确定"),
        ["Cancel"] = ("Cancel", "取消"),
        ["AllocationDone"] = ("{0} customer(s) allocated.", "已分配 {0} 个客户。"),
        ["AllocationNotFound"] = ("Nothing was allocated: some selected customers are gone or not writable for you.", "未分配：部分所选客户不存在或您无写权限。"),
        ["RefusedBecause"] = ("Refused: {0}", "已拒绝：{0}"),

        // Customer 360
        ["Customer360"] = ("Customer 360 view", "客户全貌"),
        ["CustomerNotFound"] = ("This customer does not exist or you have no permission on it.", "客户不存在或您没有该客户的权限。"),
        ["Kind"] = ("Kind", "类型"),
        ["Formal"] = ("Customer", "正式客户"),
        ["Prospect"] = ("Prospect", "意向客户"),
        ["Access"] = ("Your access", "您的权限"),
        ["Read"] = ("Read", "只读"),
        ["ReadWrite"] = ("Read and write", "读写"),
        ["ReadOnly"] = ("Read only", "只读"),
        ["From"] = ("From", "开始日期"),
        ["To"] = ("To", "结束日期"),
        ["ApplyRange"] = ("Show", "查看"),
        ["RangeShown"] = ("Showing {0} to {1}", "显示 {0} 至 {1}"),
        ["TabContacts"] = ("Contacts", "联系人"),
        ["TabIntents"] = ("Intents", "意向"),
        ["TabOpportunities"] = ("Opportunities", "商机"),
        ["TabActivities"] = ("Activities", "活动"),
        ["TabComplaints"] = ("Complaints", "投诉"),
        ["TabValueTier"] = ("Value tier", "价值等级"),
        ["TabOrders"] = ("Orders", "订单"),
        ["TabDeliveries"] = ("Deliveries", "发货"),
        ["TabInvoices"] = ("Invoices", "发票"),
        ["TabReceivables"] = ("Receivables", "应收"),
        ["TabReceipts"] = ("Receipts", "收款"),
        ["FinancialsHidden"] = ("Financial tabs are shown to sales managers, directors and administrators only.", "财务页签仅对销售经理、销售总监和管理员显示。"),
        ["EmptyTab"] = ("Nothing here for this period.", "该期间暂无数据。"),
        ["Status"] = ("Status", "状态"),
        ["Date"] = ("Date", "日期"),
        ["ExternalId"] = ("Document", "单据号"),
        ["Reference"] = ("Reference", "参考"),
        ["Amount"] = ("Amount", "金额"),
        ["Total"] = ("Total", "合计"),
        ["OverviewHint"] = ("Pick a customer to open its 360 view.", "选择客户以查看其全貌。"),

        // Creating and editing customers and contacts
        ["New"] = ("New", "新建"),
        ["NewCustomer"] = ("New customer", "新建客户"),
        ["NewProspect"] = ("New prospect customer", "新建意向客户"),
        ["EditCustomer"] = ("Edit customer", "编辑客户"),
        ["NewContact"] = ("Add contact", "新增联系人"),
        ["EditContact"] = ("Edit contact", "编辑联系人"),
        ["Edit"] = ("Edit", "编辑"),
        ["Delete"] = ("Delete", "删除"),
        ["Save"] = ("Save", "保存"),
        ["Required"] = ("Required", "必填"),
        ["OwnerGetsNoPermission"] = ("Choosing an owner does not grant them data permission.", "指定专管业务员不会授予其数据权限。"),
        ["ConfirmDeleteCustomer"] = ("Delete {0} with its contacts and grants?", "删除 {0} 及其联系人和授权？"),
        ["ConfirmDeleteContact"] = ("Delete the contact {0}?", "删除联系人 {0}？"),
        [CustomerRefusals.CodeTaken] = ("this customer code is already in use.", "该客户编码已被使用。"),
        [CustomerRefusals.HasLedger] = ("the customer has ledger records and cannot be deleted.", "该客户已有台账记录，不能删除。"),

        // Permissions
        ["PermissionsHint"] = ("Grant or revoke read / write on a customer. Allocation never grants; administrators see every customer.", "授予或撤销客户的读/写权限。分配不会授权；管理员可见全部客户。"),
        ["User"] = ("User", "用户"),
        ["Grant"] = ("Grant", "授权"),
        ["GrantedAt"] = ("Granted at", "授权时间"),
        ["Revoke"] = ("Revoke", "撤销"),
        ["NoGrants"] = ("No user holds a grant on this customer.", "尚无用户获得该客户的授权。"),
        ["Granted"] = ("Granted to {0}.", "已授权给 {0}。"),
        ["Revoked"] = ("Revoked from {0}.", "已撤销 {0} 的权限。"),
        ["ConfirmRevokeTitle"] = ("Revoke permission", "撤销权限"),
        ["ConfirmRevoke"] = ("Revoke every right of {0} on this customer?", "撤销 {0} 对该客户的全部权限？"),

        // Market: surveys
        ["Surveys"] = ("Surveys", "市场调查"),
        ["QuestionnaireTemplates"] = ("Questionnaire templates", "问卷模板"),
        ["NewTemplate"] = ("New template", "新建模板"),
        ["PickTemplate"] = ("Pick a template or create one.", "选择或新建一个问卷模板。"),
        ["Disabled"] = ("Disabled", "已停用"),
        ["Enabled"] = ("Enabled", "启用"),
        ["Description"] = ("Description", "说明"),
        ["VersionInfo"] = ("Version {0} · {1}", "版本 {0} · {1}"),
        ["InUse"] = ("in use: question changes create a new version", "使用中：修改题目将生成新版本"),
        ["NotInUse"] = ("not in use yet", "尚未使用"),
        ["QuestionKey"] = ("Key", "题号"),
        ["QuestionText"] = ("Question", "题目"),
        ["QuestionKind"] = ("Kind", "题型"),
        ["KindSingleChoice"] = ("Single choice", "单选"),
        ["KindMultipleChoice"] = ("Multiple choice", "多选"),
        ["KindRating"] = ("Rating", "评分"),
        ["KindNumber"] = ("Number", "数值"),
        ["KindText"] = ("Free text", "文本"),
        ["OptionsOnePerLine"] = ("Options (one per line)", "选项（每行一个）"),
        ["Scale"] = ("Scale", "分值范围"),
        ["Minimum"] = ("Minimum", "最小值"),
        ["Maximum"] = ("Maximum", "最大值"),
        ["AddQuestion"] = ("Add question", "添加题目"),
        ["TemplateSaved"] = ("Saved (version {0}).", "已保存（版本 {0}）。"),
        ["TemplateNewVersion"] = ("The template is in use: saved as new version {0}.", "模板正在使用：已另存为新版本 {0}。"),
        ["SurveyCampaigns"] = ("Survey campaigns", "调查活动"),
        ["NewCampaign"] = ("New campaign", "新建调查活动"),
        ["Template"] = ("Template", "问卷模板"),
        ["Audience"] = ("Audience", "调查对象"),
        ["AudienceExternal"] = ("Customers / contacts", "客户/联系人"),
        ["AudienceInternal"] = ("Employees", "内部职员"),
        ["StartsOn"] = ("Starts on", "开始日期"),
        ["EndsOn"] = ("Ends on", "结束日期"),
        ["Participants"] = ("Employees asked", "参与职员"),
        ["Create"] = ("Create", "创建"),
        ["Period"] = ("Period", "期间"),
        ["Responses"] = ("Responses", "回收问卷"),
        ["StatusDraft"] = ("Planned", "计划中"),
        ["StatusOpen"] = ("Open", "进行中"),
        ["StatusClosed"] = ("Closed", "已结束"),
        ["NoCampaigns"] = ("No campaigns yet.", "尚无调查活动。"),
        ["LaunchFlow"] = ("Run as flow", "按流程运行"),
        ["OpenNow"] = ("Open now", "立即开始"),
        ["CloseNow"] = ("Close now", "立即结束"),
        ["FlowLaunched"] = ("The survey-campaign flow runs: it opens, reminds and closes on schedule.", "调查流程已启动：将按期开始、提醒并结束。"),
        ["CampaignOpened"] = ("The campaign is open.", "调查活动已开始。"),
        ["CampaignClosed"] = ("The campaign is closed.", "调查活动已结束。"),
        ["EnterResponse"] = ("Enter response", "录入问卷"),
        ["CampaignNotOpen"] = ("Responses can be entered while the campaign is open.", "调查活动进行中才能录入问卷。"),
        ["RespondentKind"] = ("Respondent", "答卷人类型"),
        ["Contact"] = ("Contact", "联系人"),
        ["Employee"] = ("Employee", "职员"),
        ["SubmitResponse"] = ("Save response", "保存问卷"),
        ["ResponseSaved"] = ("Response saved.", "问卷已保存。"),
        ["ResponseInvalid"] = ("Please correct the answers.", "请更正答案。"),
        ["Results"] = ("Results", "结果分析"),
        ["Answered"] = ("{0} answered", "{0} 人作答"),
        ["Average"] = ("Average", "平均值"),
        ["Median"] = ("Median", "中位数"),
        ["template_disabled"] = ("the questionnaire template is disabled.", "问卷模板已停用。"),
        ["already_responded"] = ("this respondent has already answered this campaign.", "该答卷人已提交过本次调查。"),
        ["campaign_not_open"] = ("the campaign is not open.", "调查活动未在进行中。"),
        ["campaign_closed"] = ("the campaign is closed.", "调查活动已结束。"),
        ["already_launched"] = ("the campaign is already running or over.", "调查活动已在运行或已结束。"),
        ["flow_missing"] = ("the survey-campaign flow is not published.", "调查流程未发布。"),

        // Market: competitors
        ["Competitors"] = ("Competitors", "竞争对手"),
        ["NewCompetitor"] = ("New competitor", "新建竞争对手"),
        ["NoCompetitors"] = ("No competitors yet.", "尚无竞争对手。"),
        ["Website"] = ("Website", "网站"),
        ["Profile"] = ("Profile", "简介"),
        ["Products"] = ("Products", "产品"),
        ["Strengths"] = ("Strengths", "优势"),
        ["Weaknesses"] = ("Weaknesses", "劣势"),
        ["Strategy"] = ("Strategy", "竞争策略"),
        ["MarketPerformance"] = ("Market performance", "市场表现"),
        ["KeyPeople"] = ("Key people", "关键人物"),
        ["Notes"] = ("Notes", "备注"),
        ["AddPerson"] = ("Add person", "添加人物"),
        ["Assessments"] = ("Scores per dimension (1–5)", "各维度评分（1–5）"),
        ["Dimension"] = ("Dimension", "维度"),
        ["TheirScore"] = ("Theirs", "对手"),
        ["OurScore"] = ("Ours", "我方"),
        ["AddDimension"] = ("Add dimension", "添加维度"),
        ["Saved"] = ("Saved.", "已保存。"),
        ["Record"] = ("Record against us", "交锋记录"),
        ["Opportunities"] = ("Opportunities", "商机"),
        ["OpportunityReference"] = ("Opportunity no.", "商机编号"),
        ["Outcome"] = ("Result", "结果"),
        ["OutcomeOpen"] = ("Open", "进行中"),
        ["OutcomeWon"] = ("Won", "赢单"),
        ["OutcomeLost"] = ("Lost", "丢单"),
        ["LinkOpportunity"] = ("Link", "关联"),
        ["Analysis"] = ("Analysis", "分析"),
        ["WonAgainst"] = ("Won", "赢"),
        ["LostAgainst"] = ("Lost", "输"),
        ["OpenDeals"] = ("Open", "进行中"),
        ["WinRate"] = ("Win rate", "胜率"),
        ["WonAmount"] = ("Won amount", "赢单金额"),
        ["LostAmount"] = ("Lost amount", "丢单金额"),
        ["StrengthsAndGaps"] = ("Strengths and gaps", "优劣势对比"),
        ["GapHint"] = ("Theirs / ours (gap = ours − theirs; red: they are stronger).", "对手 / 我方（差距 = 我方 − 对手；红色表示对手更强）。"),
        ["competitor_name_taken"] = ("a competitor with this name exists.", "同名竞争对手已存在。"),

        // Refusal codes of the use cases
        [CustomerRefusals.UnknownOwner] = ("the owner is not an active user.", "业务员不是有效用户。"),
        [CustomerRefusals.NoWriteAccess] = ("you have no write permission on this customer.", "您没有该客户的写权限。"),
        [PermissionRefusals.UnknownUser] = ("the grantee is not an active user.", "被授权人不是有效用户。"),
        [PermissionRefusals.GrantorNotAUser] = ("only a signed-in user can grant.", "只有登录用户可以授权。"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The text for <paramref name="key"/>; the key itself when there is none (visible in review).</summary>
    public string this[string key] =>
        Texts.TryGetValue(key, out var text) ? (IsChinese ? text.Zh : text.En) : key;

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public string this[string key, params object?[] args] =>
        string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>A refusal's reason: the translated text of its code, else its English detail.</summary>
    public string Refusal(Refusal? refusal) =>
        refusal is null ? string.Empty : Texts.ContainsKey(refusal.Code) ? this[refusal.Code] : refusal.Detail;

    /// <summary>Every key, for the test that both languages are complete.</summary>
    internal static IEnumerable<string> Keys => Texts.Keys;
}
