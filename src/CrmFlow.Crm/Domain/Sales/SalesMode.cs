namespace CrmFlow.Crm.Domain.Sales;

/// <summary>The conditions a stage can require before an opportunity may enter it (stage gates).</summary>
public static class StageGates
{
    /// <summary>At least one quote exists on the opportunity.</summary>
    public const string QuoteExists = "quote_exists";

    /// <summary>At least one activity (visit, call…) is done.</summary>
    public const string ActivityCompleted = "activity_completed";

    /// <summary>The expected amount is set (greater than zero).</summary>
    public const string ExpectedAmountSet = "expected_amount_set";

    /// <summary>At least one competitor is recorded.</summary>
    public const string CompetitorRecorded = "competitor_recorded";

    public static IReadOnlyList<string> All { get; } = [QuoteExists, ActivityCompleted, ExpectedAmountSet, CompetitorRecorded];
}

/// <summary>A selling strategy (销售模式) with its ordered stages.</summary>
internal sealed class SalesMode
{
    private readonly List<SalesStage> _stages = [];

    private SalesMode()
    {
    }

    public SalesMode(Guid id, string code, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Code = code.Trim();
        Name = name.Trim();
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public IReadOnlyCollection<SalesStage> Stages => _stages;

    /// <summary>The stages in funnel order.</summary>
    public IReadOnlyList<SalesStage> OrderedStages => [.. _stages.OrderBy(s => s.Order)];

    public SalesStage AddStage(
        Guid id, string name, decimal averageMonths, decimal winProbability, decimal conversion, IEnumerable<string>? gates = null)
    {
        var stage = new SalesStage(id, Id, _stages.Count + 1, name, averageMonths, winProbability, conversion, gates ?? []);
        _stages.Add(stage);
        return stage;
    }

    /// <summary>The stage after <paramref name="stageId"/>, or null when it is the last.</summary>
    public SalesStage? NextAfter(Guid stageId)
    {
        var ordered = OrderedStages;
        var index = ordered.ToList().FindIndex(s => s.Id == stageId);
        return index >= 0 && index + 1 < ordered.Count ? ordered[index + 1] : null;
    }
}

/// <summary>
/// One step of a sales mode (销售阶段): average duration in months, win probability of an opportunity sitting in it,
/// conversion to the next stage (the last stage's is the win rate) and the gates an opportunity must pass to enter it.
/// </summary>
internal sealed class SalesStage
{
    private SalesStage()
    {
    }

    public SalesStage(
        Guid id, Guid salesModeId, int order, string name, decimal averageMonths, decimal winProbability, decimal conversion, IEnumerable<string> gates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        SalesModeId = salesModeId;
        Order = order;
        Name = name.Trim();
        AverageMonths = averageMonths;
        WinProbability = winProbability;
        Conversion = conversion;
        Gates = string.Join(',', gates.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal));
    }

    public Guid Id { get; private set; }

    public Guid SalesModeId { get; private set; }

    /// <summary>1-based position in the mode.</summary>
    public int Order { get; private set; }

    public string Name { get; private set; } = null!;

    public decimal AverageMonths { get; private set; }

    public decimal WinProbability { get; private set; }

    public decimal Conversion { get; private set; }

    /// <summary>Comma-separated <see cref="StageGates"/> codes required to enter this stage.</summary>
    public string Gates { get; private set; } = string.Empty;

    public IReadOnlyList<string> GateList => Gates.Length == 0 ? [] : Gates.Split(',');
}
