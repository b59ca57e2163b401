namespace CrmFlow.Crm.Domain.Market;

/// <summary>A person who matters at a competitor.</summary>
public sealed record KeyPerson(string Name, string? Title, string? Notes);

/// <summary>One dimension (price, product, service…) scored 1–5 for the competitor and for us.</summary>
public sealed record DimensionAssessment(string Dimension, int TheirScore, int OurScore, string? Note);

/// <summary>The result of an opportunity as seen against one competitor.</summary>
public enum CompetitionOutcome
{
    Open,
    Won,
    Lost,
}

/// <summary>A competitor profile (竞争对手档案): key people, products, strengths, strategy, market performance.</summary>
internal sealed class Competitor
{
    private Competitor()
    {
    }

    public Competitor(Guid id, Guid createdById, DateTimeOffset at)
    {
        Id = id;
        CreatedById = createdById;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Website { get; private set; }

    public string? Profile { get; private set; }

    public string? Products { get; private set; }

    public string? Strengths { get; private set; }

    public string? Weaknesses { get; private set; }

    public string? Strategy { get; private set; }

    public string? MarketPerformance { get; private set; }

    public string KeyPeopleJson { get; private set; } = "[]";

    public string AssessmentsJson { get; private set; } = "[]";

    public IReadOnlyList<KeyPerson> KeyPeople => Questionnaire.Deserialize<List<KeyPerson>>(KeyPeopleJson);

    public IReadOnlyList<DimensionAssessment> Assessments => Questionnaire.Deserialize<List<DimensionAssessment>>(AssessmentsJson);

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

#pragma warning disable CA1054 // The website is free text as typed, not a parsed URI.
    public void Describe(
        string name, string? website, string? profile, string? products, string? strengths, string? weaknesses, string? strategy,
        string? marketPerformance, IReadOnlyList<KeyPerson> keyPeople, IReadOnlyList<DimensionAssessment> assessments, DateTimeOffset at)
#pragma warning restore CA1054
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Website = Normalize(website);
        Profile = Normalize(profile);
        Products = Normalize(products);
        Strengths = Normalize(strengths);
        Weaknesses = Normalize(weaknesses);
        Strategy = Normalize(strategy);
        MarketPerformance = Normalize(marketPerformance);
        KeyPeopleJson = Questionnaire.Serialize(keyPeople);
        AssessmentsJson = Questionnaire.Serialize(assessments.Select(a => a with { Dimension = a.Dimension.Trim() }).ToList());
        UpdatedAt = at;
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A competitor's participation in one of our opportunities. Until opportunities exist in CRM the opportunity is a
/// plain reference (its number in the sales system) with a name and amount.
/// </summary>
internal sealed class CompetitorOpportunity
{
    private CompetitorOpportunity()
    {
    }

    public CompetitorOpportunity(Guid id, Guid competitorId, string reference, DateTimeOffset at)
    {
        Id = id;
        CompetitorId = competitorId;
        OpportunityReference = reference.Trim();
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid CompetitorId { get; private set; }

    public string OpportunityReference { get; private set; } = null!;

    public string? OpportunityName { get; private set; }

    public decimal Amount { get; private set; }

    public CompetitionOutcome Outcome { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Describe(string? name, decimal amount, CompetitionOutcome outcome, DateOnly? closedOn, string? notes)
    {
        OpportunityName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        Amount = amount;
        Outcome = outcome;
        ClosedOn = outcome == CompetitionOutcome.Open ? null : closedOn;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }
}

/// <summary>Win/loss figures of one competitor.</summary>
public sealed record CompetitorRecord(
    int Opportunities, int Won, int Lost, int Open, decimal? WinRate, decimal TotalAmount, decimal WonAmount, decimal LostAmount, decimal OpenAmount);

/// <summary>Formulas over competitor links and assessments.</summary>
public static class CompetitorAnalysis
{
    /// <summary>Win rate = won / (won + lost) as a percentage (2 places); null while nothing is decided.</summary>
    public static CompetitorRecord Record(IEnumerable<(CompetitionOutcome Outcome, decimal Amount)> links)
    {
        var list = links.ToList();
        var won = list.Where(l => l.Outcome == CompetitionOutcome.Won).ToList();
        var lost = list.Where(l => l.Outcome == CompetitionOutcome.Lost).ToList();
        var open = list.Where(l => l.Outcome == CompetitionOutcome.Open).ToList();
        decimal? rate = won.Count + lost.Count == 0 ? null : SurveyAnalysis.Percent(won.Count, won.Count + lost.Count);
        return new CompetitorRecord(
            list.Count, won.Count, lost.Count, open.Count, rate, list.Sum(l => l.Amount), won.Sum(l => l.Amount), lost.Sum(l => l.Amount), open.Sum(l => l.Amount));
    }
}
