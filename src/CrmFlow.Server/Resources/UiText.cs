using System.Collections.Frozen;
using System.Globalization;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Intents.PromoteIntent;
using CrmFlow.Crm.Features.Opportunities.AdvanceStage;
using CrmFlow.Crm.Features.Quotas.ComputeStageQuotas;
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

        // Sales: intents, opportunities, stage advancement, funnel
        ["Intents"] = ("Sales intents", "销售意向"),
        ["Opportunities"] = ("Opportunities", "商机"),
        ["Opportunity"] = ("Opportunity", "商机"),
        ["Funnel"] = ("Sales funnel", "销售漏斗"),
        ["IntentStatus.Open"] = ("Open", "跟进中"),
        ["IntentStatus.Promoted"] = ("Promoted", "已转商机"),
        ["IntentStatus.Dropped"] = ("Dropped", "已放弃"),
        ["OpportunityStatus.Open"] = ("Open", "进行中"),
        ["OpportunityStatus.Won"] = ("Won", "赢单"),
        ["OpportunityStatus.Lost"] = ("Lost", "丢单"),
        ["Product"] = ("Product", "产品"),
        ["Products"] = ("Products", "产品"),
        ["Source"] = ("Source / campaign", "来源 / 活动"),
        ["Description"] = ("Description", "描述"),
        ["Touches"] = ("Touches", "接触记录"),
        ["NoIntents"] = ("No intents match.", "没有符合条件的意向。"),
        ["Promote"] = ("Promote", "转为商机"),
        ["PromoteTitle"] = ("Promote \"{0}\" to an opportunity", "将“{0}”转为商机"),
        ["Promoted"] = ("\"{0}\" was promoted to an opportunity.", "“{0}”已转为商机。"),
        ["OpenOpportunity"] = ("Open the opportunity", "查看商机"),
        ["SalesMode"] = ("Sales mode", "销售模式"),
        ["FirstStage"] = ("First stage", "初始阶段"),
        ["OwnerOptional"] = ("Owner (default: the customer owner)", "负责人（默认为客户业务员）"),
        ["ExpectedAmount"] = ("Expected amount", "预计金额"),
        ["ExpectedCloseDate"] = ("Expected close date", "预计成交日期"),
        ["Refused"] = ("Refused: {0}", "被拒绝：{0}"),
        ["NoOpportunities"] = ("No opportunities match.", "没有符合条件的商机。"),
        ["OpportunityNotFound"] = ("This opportunity does not exist or you may not see it.", "该商机不存在或您无权查看。"),
        ["Stage"] = ("Stage", "阶段"),
        ["ResultSummary"] = ("Result", "结果"),
        ["AdvanceStage"] = ("Advance stage", "推进阶段"),
        ["Action"] = ("Action", "操作"),
        ["NextStage"] = ("To the next stage ({0})", "进入下一阶段（{0}）"),
        ["CloseWon"] = ("Close as won", "赢单关闭"),
        ["CloseLost"] = ("Close as lost", "丢单关闭"),
        ["Summary"] = ("Summary", "小结"),
        ["LostReason"] = ("Lost reason", "丢单原因"),
        ["Advanced"] = ("The stage change was recorded.", "阶段变更已记录。"),
        ["Stages"] = ("Stages", "阶段记录"),
        ["StageFrom"] = ("From stage", "原阶段"),
        ["StageTo"] = ("To stage", "新阶段"),
        ["At"] = ("At", "时间"),
        ["DaysInStage"] = ("Days in stage", "停留天数"),
        ["NoStageRecords"] = ("No stage changes yet.", "尚无阶段变更。"),
        ["Activities"] = ("Activities", "活动"),
        ["Subject"] = ("Subject", "主题"),
        ["DueAt"] = ("Due", "截止时间"),
        ["DoneAt"] = ("Done", "完成时间"),
        ["Planned"] = ("Planned", "计划中"),
        ["Result"] = ("Result", "结果"),
        ["NoActivities"] = ("No activities.", "暂无活动。"),
        ["Quotes"] = ("Quotes", "报价"),
        ["Note"] = ("Note", "备注"),
        ["NoQuotes"] = ("No quotes.", "暂无报价。"),
        ["Team"] = ("Team", "团队"),
        ["Role"] = ("Role", "角色"),
        ["NoTeam"] = ("No team members.", "暂无团队成员。"),
        ["Competitors"] = ("Competitors", "竞争对手"),
        ["Link"] = ("Link", "链接"),
        ["NoCompetitors"] = ("No competitors recorded.", "暂无竞争对手记录。"),
        ["Channel"] = ("Channel", "渠道"),
        ["NoTouches"] = ("No touches.", "暂无接触记录。"),
        ["Count"] = ("Count", "数量"),
        ["NoQuota"] = ("No quota is saved for this month: stages are not coloured.", "本月尚未保存指标，阶段不着色。"),
        ["IdealCount"] = ("Ideal count", "理想数量"),
        ["ActualCount"] = ("Actual count", "实际数量"),
        ["IdealAmount"] = ("Ideal amount", "理想金额"),
        ["ActualAmount"] = ("Actual amount", "实际金额"),
        ["Attainment"] = ("Attainment", "达成率"),
        ["PlannedMonths"] = ("Planned months", "计划周期（月）"),
        ["DwellMonths"] = ("Measured months", "实际停留（月）"),
        ["FunnelColor.Green"] = ("green", "绿"),
        ["FunnelColor.Yellow"] = ("yellow", "黄"),
        ["FunnelColor.Red"] = ("red", "红"),
        ["FunnelColor.NoQuota"] = ("no quota", "无指标"),
        ["gate.quote_exists"] = ("a quote must exist", "须已有报价"),
        ["gate.activity_completed"] = ("a completed activity (e.g. a visit) is required", "须有已完成的活动（如拜访）"),
        ["gate.expected_amount_set"] = ("the expected amount must be set", "须填写预计金额"),
        ["gate.competitor_recorded"] = ("a competitor must be recorded", "须记录竞争对手"),
        ["gate.last_stage_reached"] = ("won only from the last stage", "须到达最后阶段才能赢单"),
        [PromotionRefusals.IntentNotOpen] = ("the intent is no longer open.", "该意向已不是跟进状态。"),
        [PromotionRefusals.UnknownSalesMode] = ("unknown sales mode.", "销售模式不存在。"),
        [PromotionRefusals.StageNotInMode] = ("the stage does not belong to the sales mode.", "该阶段不属于所选销售模式。"),
        [PromotionRefusals.NoOwner] = ("no owner: choose one (the customer has none).", "无负责人：客户没有业务员，请指定。"),
        [PromotionRefusals.UnknownOwner] = ("the owner is not an active user.", "负责人不是有效用户。"),
        [StageRefusals.Closed] = ("the opportunity is already closed.", "该商机已关闭。"),
        [StageRefusals.NotNextStage] = ("only the next stage (or an earlier one) can be entered.", "只能进入下一阶段（或退回之前阶段）。"),
        [StageRefusals.GatesUnmet] = ("the stage's conditions are not met:", "未满足阶段条件："),
        [StageRefusals.ResultRequired] = ("on the last stage, close the opportunity as won or lost.", "已在最后阶段，请以赢单或丢单关闭。"),
        ["validation"] = ("the input is invalid.", "输入无效。"),

        ["QuotaCalculator"] = ("Quota calculator", "销售配额计算"),
        ["TargetAmount"] = ("Sales target", "销售目标"),
        ["Annual"] = ("Annual", "年度"),
        ["Monthly"] = ("Monthly", "月度"),
        ["AverageDealSize"] = ("Average deal size", "平均单笔金额"),
        ["Conversion"] = ("Conversion to next stage", "转入下一阶段比例"),
        ["Compute"] = ("Compute", "计算"),
        ["MonthlyTarget"] = ("Monthly target", "月度目标"),
        ["DealsPerMonth"] = ("Deals to win per month", "每月需成交数"),
        ["NewCustomersPerMonth"] = ("New customers per month", "每月需新增客户"),
        ["ArrivalsPerMonth"] = ("Arrivals per month", "每月进入数"),
        ["QuotaScope.Company"] = ("Company", "公司"),
        ["QuotaScope.Department"] = ("Department", "部门"),
        ["QuotaScope.Person"] = ("Person", "个人"),
        ["Month"] = ("Month", "月份"),
        ["Department"] = ("Department", "部门"),
        [QuotaRefusals.InvalidInput] = ("the quota inputs are invalid.", "配额输入无效。"),
        [QuotaRefusals.UnknownSalesMode] = ("unknown sales mode.", "销售模式不存在。"),
        ["SaveQuota"] = ("Save as quota", "保存为指标"),
        ["QuotaSaved"] = ("The quota was saved.", "指标已保存。"),

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
