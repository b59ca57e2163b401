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
        // Value pyramid
        ["ValuePyramid"] = ("Customer value pyramid", "客户价值金字塔"),
        ["ValuePyramidHint"] = ("Ranks every customer by the model's metric over its period; data permissions do not apply here.", "按模型指标对全部客户分层（不受数据权限限制）。"),
        ["PyramidModel"] = ("Pyramid model", "金字塔模型"),
        ["Department"] = ("Department", "部门"),
        ["Compute"] = ("Compute", "计算"),
        ["Computing"] = ("Computing the pyramid…", "正在计算金字塔…"),
        ["CustomerCountOf"] = ("{0} customers", "{0} 个客户"),
        ["Revenue"] = ("Revenue", "收入"),
        ["Profit"] = ("Profit", "利润"),
        ["Expense"] = ("Expense", "费用"),
        ["Arrears"] = ("Arrears", "欠款"),
        ["Loyalty"] = ("Loyalty", "忠诚度"),
        ["TierRuleRankShare"] = ("by rank share", "按排名比例"),
        ["TierRuleThreshold"] = ("by thresholds", "按阈值"),
        ["Coverage"] = ("Period and data coverage", "期间与数据覆盖"),
        ["PeriodShown"] = ("Period {0} to {1}", "期间 {0} 至 {1}"),
        ["CoveredMonths"] = ("History available: {0} months", "可用历史：{0} 个月"),
        ["CustomersWithoutData"] = ("{0} customers without transactions (bottom tier)", "{0} 个客户无交易（归入最低层）"),
        ["ShortHistory"] = ("Less than six months of data: the pyramid is not yet meaningful.", "数据不足六个月，金字塔参考意义有限。"),
        ["MissingSources"] = ("No data in the period for: {0}", "期间内无数据：{0}"),
        ["Source"] = ("Source", "数据来源"),
        ["Rows"] = ("Rows", "行数"),
        ["SourceOrder"] = ("Orders", "订单"),
        ["SourceDelivery"] = ("Deliveries", "发货"),
        ["SourceInvoice"] = ("Invoices", "发票"),
        ["SourceReceivable"] = ("Receivables", "应收"),
        ["SourceReceipt"] = ("Receipts", "收款"),
        ["SourceExpense"] = ("Expenses", "费用"),
        ["SourceCost"] = ("Costs", "成本"),
        ["SourceActivity"] = ("Activities", "活动"),
        ["TierCustomers"] = ("Tier {0}: {1} customers", "{0} 层：{1} 个客户"),
        ["Rank"] = ("Rank", "排名"),
        ["Value"] = ("Value", "数值"),
        ["NoData"] = ("no data", "无数据"),
        ["FirstRowsOnly"] = ("Showing the first {0} of {1}.", "显示前 {0} 个，共 {1} 个。"),
        ["Trend"] = ("Trend of tier counts (scheduled snapshots)", "各层客户数趋势（定期快照）"),
        ["NoSnapshots"] = ("No snapshots yet: the monthly flow stores one per model and month.", "尚无快照：月度流程会为每个模型每月保存一次。"),
        ["Period"] = ("Period", "期间"),
        ["TierHistory"] = ("Tier history", "价值等级历史"),
        ["NoTierHistory"] = ("No pyramid snapshot includes this customer yet.", "尚无包含该客户的金字塔快照。"),

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

        // Inbox and complaints
        ["Inbox"] = ("Task inbox", "任务收件箱"),
        ["InboxScopeMine"] = ("My tasks", "我的任务"),
        ["InboxScopeMyGroups"] = ("Group tasks", "组任务"),
        ["InboxScopeAll"] = ("All tasks", "全部任务"),
        ["InboxScopeHistory"] = ("History", "历史"),
        ["OverdueOnly"] = ("Overdue only", "仅逾期"),
        ["SortBy"] = ("Sort by", "排序"),
        ["DueAt"] = ("Due", "到期"),
        ["Priority"] = ("Priority", "优先级"),
        ["Task"] = ("Task", "任务"),
        ["Overdue"] = ("Overdue", "逾期"),
        ["TaskStatusOpen"] = ("Open", "待认领"),
        ["TaskStatusAssigned"] = ("Assigned", "已分派"),
        ["TaskStatusCompleted"] = ("Completed", "已完成"),
        ["TaskStatusCancelled"] = ("Cancelled", "已取消"),
        ["Claim"] = ("Claim", "认领"),
        ["Unclaim"] = ("Give back", "退回"),
        ["Open"] = ("Open", "打开"),
        ["NoTasks"] = ("No tasks here.", "这里没有任务。"),
        ["Complete"] = ("Complete", "完成"),
        ["Candidates"] = ("Candidates", "候选人"),
        ["NoCustomerAccess"] = ("no permission on the customer", "无该客户权限"),
        ["Comments"] = ("Comments", "备注"),
        ["AddComment"] = ("Add a comment", "添加备注"),
        ["Add"] = ("Add", "添加"),
        ["Claimed"] = ("You took \"{0}\".", "已认领“{0}”。"),
        ["Unclaimed"] = ("\"{0}\" is back in the group.", "“{0}”已退回组内。"),
        ["TaskCompleted"] = ("\"{0}\" completed.", "“{0}”已完成。"),
        ["TaskChanged"] = ("Someone else changed this task; the list is refreshed.", "该任务已被他人更改，列表已刷新。"),
        ["FixFields"] = ("Please fix the marked fields.", "请修正标出的字段。"),
        ["Complaints"] = ("Complaints", "投诉"),
        ["ComplaintBoard"] = ("Open complaints", "未结投诉"),
        ["NewComplaint"] = ("Record a complaint", "登记投诉"),
        ["Reason"] = ("Reason", "原因"),
        ["Target"] = ("Target", "投诉对象"),
        ["TargetType"] = ("Target type", "对象类型"),
        ["Details"] = ("Details", "详情"),
        ["Channel"] = ("Channel", "渠道"),
        ["ContactName"] = ("Contact", "联系人"),
        ["CurrentStep"] = ("Current step", "当前步骤"),
        ["Assignee"] = ("Assignee", "处理人"),
        ["Record"] = ("Record", "登记"),
        ["ComplaintRecorded"] = ("Complaint recorded; the supervisors have an assignment task.", "投诉已登记，监督人已收到分派任务。"),
        ["NoComplaints"] = ("No open complaints.", "没有未结投诉。"),
        ["Timeline"] = ("Timeline", "处理过程"),
        ["ComplaintStatusRecorded"] = ("Recorded", "已登记"),
        ["ComplaintStatusAwaitingAssignment"] = ("Awaiting assignment", "待分派"),
        ["ComplaintStatusInHandling"] = ("In handling", "处理中"),
        ["ComplaintStatusAwaitingFollowUp"] = ("Awaiting follow-up", "待回访"),
        ["ComplaintStatusClosed"] = ("Closed", "已关闭"),
        ["task.no_customer_access"] = ("you have no permission on this task's customer, so you cannot take it.", "您没有该任务客户的权限，无法认领。"),
        ["task.user_lacks_access"] = ("the chosen user has no permission on this customer; grant read access first or choose someone else.", "所选用户没有该客户的权限；请先授权或另选他人。"),

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
