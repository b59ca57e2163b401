using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.ValuePyramid;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Server.DemoData;

/// <summary>
/// Demo customers, prospects, contacts, grants and a year of ledger rows, added once to a database that has the
/// demo users but no customers. Some customers are deliberately left without grants (or owned by a rep who has
/// no grant) so that permission filtering is visible; <c>C001</c> is the complaint flow's demo customer.
/// </summary>
internal static class CrmDemoData
{
    private const string LedgerCurrency = "CNY";

    /// <summary>The seeded revenue pyramid (rank share A 20 % / B 30 % / C 50 % on order amounts).</summary>
    public const string DemoRevenueModel = "销售额金字塔 Revenue 80/20";

    private static readonly (string Code, string Name, string Industry, string Region, CustomerKind Kind, string? Owner)[] Customers =
    [
        ("C001", "华东精密机械有限公司 Huadong Precision Machinery", "Manufacturing", "East China", CustomerKind.Formal, "sales"),
        ("C002", "Northwind Traders", "Retail", "North America", CustomerKind.Formal, "sales"),
        ("C003", "北京智联科技 Beijing Zhilian Technology", "Information technology", "North China", CustomerKind.Formal, "sales"),
        ("C004", "Contoso Pharmaceuticals", "Healthcare", "Europe", CustomerKind.Formal, "sales"),
        ("C005", "广州南方物流 Guangzhou Nanfang Logistics", "Logistics", "South China", CustomerKind.Formal, "sales"),
        ("C006", "Fabrikam Energy", "Energy", "North America", CustomerKind.Formal, null),
        ("C007", "成都天府食品 Chengdu Tianfu Foods", "Food and beverage", "Southwest China", CustomerKind.Formal, "sales"),
        ("C008", "Adventure Works Cycles", "Retail", "Europe", CustomerKind.Formal, null),
        ("C009", "深圳海岸电子 Shenzhen Coast Electronics", "Electronics", "South China", CustomerKind.Formal, "sales"),
        ("C010", "Tailspin Toys", "Consumer goods", "Asia Pacific", CustomerKind.Formal, "sales"),
        ("C011", "上海浦江建设 Shanghai Pujiang Construction", "Construction", "East China", CustomerKind.Formal, null),
        ("C012", "Litware Education", "Education", "North America", CustomerKind.Formal, "sales"),
        ("P001", "杭州西湖茶业 Hangzhou West Lake Tea", "Food and beverage", "East China", CustomerKind.Prospect, "sales"),
        ("P002", "Woodgrove Bank", "Finance", "Europe", CustomerKind.Prospect, "sales"),
        ("P003", "武汉长江汽配 Wuhan Changjiang Auto Parts", "Manufacturing", "Central China", CustomerKind.Prospect, null),
        ("P004", "Proseware Analytics", "Information technology", "Asia Pacific", CustomerKind.Prospect, null),
    ];

    /// <summary>Read/write grants: sales, supervisor and handler on these; the rest stay ungranted.</summary>
    private static readonly string[] GrantedToServiceAndSales = ["C001", "C002", "C003", "C005", "C007"];

    /// <summary>Extra grants for the sales rep only (C010 and C012 stay owned by sales without a grant).</summary>
    private static readonly string[] GrantedToSalesOnly = ["C009", "P001", "P002"];

    /// <summary>Customers with a year of ledger rows, and their monthly order base amount.</summary>
    private static readonly (string Code, decimal MonthlyOrders)[] Ledgers =
    [
        ("C001", 120_000m), ("C002", 45_000m), ("C003", 80_000m), ("C005", 30_000m),
        ("C007", 15_000m), ("C009", 60_000m), ("C004", 25_000m),
    ];

    private static readonly (string Name, string Title)[] ContactPeople =
    [
        ("王芳 Wang Fang", "采购经理 Purchasing manager"),
        ("李强 Li Qiang", "总经理 General manager"),
        ("张丽 Zhang Li", "财务主管 Finance lead"),
        ("Emma Johnson", "Operations director"),
        ("Liam Smith", "IT manager"),
        ("Olivia Brown", "Buyer"),
    ];

    /// <summary>Complaint reasons (master data); <c>QUALITY</c> is the integration examples' code.</summary>
    private static readonly (string Code, string Name)[] ComplaintReasons =
    [
        ("QUALITY", "产品质量 Product quality"),
        ("DELIVERY", "交付延误 Late delivery"),
        ("SERVICE", "服务态度 Service attitude"),
        ("BILLING", "账单错误 Billing error"),
    ];

    /// <summary>Adds the CRM demo data unless the database already has customers; returns whether it did.</summary>
    public static async Task<bool> SeedAsync(CrmDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reasons = false;
        if (!await db.ComplaintReasons.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var (code, name) in ComplaintReasons)
            {
                db.ComplaintReasons.Add(new ComplaintReason(Guid.CreateVersion7(), code, name));
            }

            reasons = true;
        }

        if (await db.Customers.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return reasons;
        }

        var users = await db.Users.Where(u => u.IsActive)
            .ToDictionaryAsync(u => u.UserName, u => u.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        if (!users.TryGetValue("admin", out var adminId) || !users.TryGetValue("sales", out var salesId))
        {
            return false;
        }

        var customers = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var created = now.AddMonths(-13);
        var n = 0;
        foreach (var (code, name, industry, region, kind, owner) in Customers)
        {
            var creator = n % 3 == 0 ? adminId : salesId;
            var customer = new Customer(Guid.CreateVersion7(), code, name, kind, industry, region, creator, created.AddDays(n * 7));
            if (owner is not null && users.TryGetValue(owner, out var ownerId))
            {
                customer.AssignTo(ownerId, created.AddDays((n * 7) + 1));
            }

            customers[code] = customer;
            db.Customers.Add(customer);
            AddContacts(db, customer, n, now);
            n++;
        }

        foreach (var code in GrantedToServiceAndSales)
        {
            foreach (var userName in new[] { "sales", "supervisor", "handler" })
            {
                if (users.TryGetValue(userName, out var userId))
                {
                    customers[code].Grant(userId, canRead: true, canWrite: true, adminId, now);
                }
            }
        }

        foreach (var code in GrantedToSalesOnly)
        {
            customers[code].Grant(salesId, canRead: true, canWrite: true, adminId, now);
        }

        var client = await db.ApiClients.Where(c => c.RevokedAt == null).OrderBy(c => c.CreatedAt)
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        AddLedger(db, customers, client ?? adminId, now);
        SalesDemoData.Seed(db, customers, adminId, salesId, now);
        AddPyramidModels(db, adminId, now);
        return true;
    }

    /// <summary>The demo value pyramid models: revenue by the 80/20 rule, and profit by thresholds.</summary>
    private static void AddPyramidModels(CrmDbContext db, Guid adminId, DateTimeOffset now)
    {
        db.PyramidModels.Add(new PyramidModel(
            Guid.CreateVersion7(),
            new PyramidModelSpec(
                DemoRevenueModel,
                PyramidMetric.Revenue,
                RevenueBasis.Order,
                TierRuleKind.RankShare,
                [new("A", SharePercent: 20m), new("B", SharePercent: 30m), new("C", SharePercent: 50m)],
                PeriodMonths: 12,
                LoyaltyWeights: null,
                IsActive: true),
            adminId,
            now));
        db.PyramidModels.Add(new PyramidModel(
            Guid.CreateVersion7(),
            new PyramidModelSpec(
                "利润分层 Profit tiers",
                PyramidMetric.Profit,
                RevenueBasis.Invoice,
                TierRuleKind.Threshold,
                [new("Gold", LowerBound: 200_000m), new("Silver", LowerBound: 50_000m), new("Bronze")],
                PeriodMonths: 12,
                LoyaltyWeights: null,
                IsActive: true),
            adminId,
            now));
    }

    private static void AddContacts(CrmDbContext db, Customer customer, int index, DateTimeOffset now)
    {
        var count = 2 + (index % 2);
        for (var i = 0; i < count; i++)
        {
            var (name, title) = ContactPeople[((index * 2) + i) % ContactPeople.Length];
            var local = name.Split(' ')[^1].ToLowerInvariant();
            db.Contacts.Add(new Contact(
                Guid.CreateVersion7(),
                customer.Id,
                name,
                title,
                $"+86 21 5{index:D2}{i}-{1000 + (index * 37) + i:D4}",
                $"{local}@{customer.Code.ToLowerInvariant()}.example",
                now));
        }
    }

    private static void AddLedger(CrmDbContext db, Dictionary<string, Customer> customers, Guid clientId, DateTimeOffset now)
    {
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        foreach (var (code, monthlyOrders) in Ledgers)
        {
            var customerId = customers[code].Id;
            for (var back = 11; back >= 0; back--)
            {
                var month = thisMonth.AddMonths(-back);
                var wave = 1m + (((month.Month * 7) + code[^1]) % 5 / 10m);
                var order = decimal.Round(monthlyOrders * wave, 2);
                var delivered = decimal.Round(order * 0.95m, 2);
                var invoiced = delivered;
                var received = decimal.Round(invoiced * (back == 0 ? 0.3m : 0.9m), 2);
                Add(db, clientId, LedgerKind.Order, code, month, 3, customerId, order);
                Add(db, clientId, LedgerKind.Delivery, code, month, 10, customerId, delivered);
                Add(db, clientId, LedgerKind.Invoice, code, month, 12, customerId, invoiced);
                Add(db, clientId, LedgerKind.Receivable, code, month, 12, customerId, invoiced);
                Add(db, clientId, LedgerKind.Receipt, code, month, 25, customerId, received);
                Add(db, clientId, LedgerKind.Expense, code, month, 20, customerId, decimal.Round(order * 0.05m, 2));
                Add(db, clientId, LedgerKind.Cost, code, month, 28, customerId, decimal.Round(delivered * 0.6m, 2));
            }
        }
    }

    private static void Add(
        CrmDbContext db, Guid clientId, LedgerKind kind, string code, DateOnly month, int day, Guid customerId, decimal amount)
    {
        var externalId = $"DEMO-{code}-{kind}-{month:yyyyMM}";
        var content = new LedgerContent(customerId, null, month.AddDays(day - 1), amount, LedgerCurrency, $"{kind} {month:yyyy-MM}");
        var postedAt = new DateTimeOffset(month.AddDays(day - 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        db.LedgerEntries.Add(new LedgerEntry(Guid.CreateVersion7(), clientId, kind, externalId, content, postedAt));
    }
}
