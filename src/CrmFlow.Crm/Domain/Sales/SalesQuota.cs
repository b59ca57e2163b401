namespace CrmFlow.Crm.Domain.Sales;

/// <summary>The object a quota is set for: the whole company, one department or one person.</summary>
public enum QuotaScope
{
    Company,
    Department,
    Person,
}

/// <summary>
/// A saved stage quota (阶段配额) of one object (company, department or person) for one sales mode and month: the
/// inputs it was computed from and, per stage, the ideal count and amount (exact values from <see cref="QuotaCalculator"/>).
/// Saving again for the same object, mode and month replaces it.
/// </summary>
internal sealed class SalesQuota
{
    private readonly List<SalesQuotaStage> _stages = [];

    private SalesQuota()
    {
    }

    public SalesQuota(Guid id, QuotaScope scope, Guid? scopeId, Guid salesModeId, DateOnly month, decimal monthlyTarget, decimal averageDealSize,
        decimal newCustomersPerMonth, Guid savedById, DateTimeOffset savedAt)
    {
        Id = id;
        Scope = scope;
        ScopeId = scope == QuotaScope.Company ? null : scopeId;
        SalesModeId = salesModeId;
        Month = new DateOnly(month.Year, month.Month, 1);
        Replace(monthlyTarget, averageDealSize, newCustomersPerMonth, savedById, savedAt);
    }

    public Guid Id { get; private set; }

    public QuotaScope Scope { get; private set; }

    /// <summary>The department or user; null for the company.</summary>
    public Guid? ScopeId { get; private set; }

    public Guid SalesModeId { get; private set; }

    /// <summary>First day of the month the quota applies to.</summary>
    public DateOnly Month { get; private set; }

    public decimal MonthlyTarget { get; private set; }

    public decimal AverageDealSize { get; private set; }

    public decimal NewCustomersPerMonth { get; private set; }

    public Guid SavedById { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public IReadOnlyCollection<SalesQuotaStage> Stages => _stages;

    public void Replace(decimal monthlyTarget, decimal averageDealSize, decimal newCustomersPerMonth, Guid savedById, DateTimeOffset savedAt)
    {
        MonthlyTarget = monthlyTarget;
        AverageDealSize = averageDealSize;
        NewCustomersPerMonth = newCustomersPerMonth;
        SavedById = savedById;
        SavedAt = savedAt;
    }

    /// <summary>Sets (or replaces) one stage's ideal count and amount.</summary>
    public void SetStage(Guid stageId, decimal idealCount, decimal idealAmount)
    {
        if (_stages.Find(s => s.StageId == stageId) is { } existing)
        {
            existing.Change(idealCount, idealAmount);
            return;
        }

        _stages.Add(new SalesQuotaStage(Id, stageId, idealCount, idealAmount));
    }
}

internal sealed class SalesQuotaStage
{
    private SalesQuotaStage()
    {
    }

    public SalesQuotaStage(Guid quotaId, Guid stageId, decimal idealCount, decimal idealAmount)
    {
        QuotaId = quotaId;
        StageId = stageId;
        Change(idealCount, idealAmount);
    }

    public Guid QuotaId { get; private set; }

    public Guid StageId { get; private set; }

    public decimal IdealCount { get; private set; }

    public decimal IdealAmount { get; private set; }

    public void Change(decimal idealCount, decimal idealAmount)
    {
        IdealCount = idealCount;
        IdealAmount = idealAmount;
    }
}
