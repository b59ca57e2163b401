using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Ledger.PostLedgerEntries;

/// <summary>
/// Bulk, idempotent posting of ledger rows by an integration client. A row is identified by (client, kind,
/// externalId): re-posting it unchanged changes nothing; posting it with changed content updates it (revision + 1,
/// <c>updatedAt</c> stamped). Any invalid row rejects the whole batch (400 for malformed fields, 422 for unknown
/// customer codes), naming <c>rows[i].field</c>; a batch is written in one transaction or not at all.
/// </summary>
public sealed record PostLedgerEntriesCommand(IReadOnlyList<LedgerRow> Rows) : ICommand<Result<LedgerPostResult>>;

/// <summary>One posted row. Customers are referenced by their business code; currency defaults to CNY.</summary>
public sealed record LedgerRow(
    string? Kind,
    string? ExternalId,
    string? CustomerCode,
    DateOnly? Date,
    decimal? Amount,
    string? Currency = null,
    string? Reference = null,
    Guid? OpportunityId = null);

public sealed record LedgerPostResult(int Created, int Updated, int Unchanged, IReadOnlyList<LedgerRowOutcome> Rows);

public sealed record LedgerRowOutcome(int Index, LedgerKind Kind, string ExternalId, Guid Id, string Outcome);

public static class LedgerRefusals
{
    public const string UnknownCustomer = "ledger.unknown_customer";
    public const string ConcurrentPost = "ledger.concurrent_post";
    public const string NoClient = "ledger.no_client";
    public const string DefaultCurrency = "CNY";
    public const int MaxRows = 1000;
}

internal sealed class PostLedgerEntriesValidator : AbstractValidator<PostLedgerEntriesCommand>
{
    public PostLedgerEntriesValidator()
    {
        RuleFor(c => c.Rows).NotEmpty()
            .Must(rows => rows is null || rows.Count <= LedgerRefusals.MaxRows)
            .WithMessage($"At most {LedgerRefusals.MaxRows} rows per batch.");
        RuleForEach(c => c.Rows).NotNull().ChildRules(row =>
        {
            row.RuleFor(r => r.Kind).NotEmpty()
                .Must(k => k is null || Enum.TryParse<LedgerKind>(k, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
                .WithMessage("Kind must be one of: " + string.Join(", ", Enum.GetNames<LedgerKind>()) + ".");
            row.RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(128);
            row.RuleFor(r => r.CustomerCode).NotEmpty().MaximumLength(32);
            row.RuleFor(r => r.Date).NotNull();
            row.RuleFor(r => r.Amount).NotNull().PrecisionScale(18, 2, ignoreTrailingZeros: true);
            row.RuleFor(r => r.Currency).Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code such as CNY.");
            row.RuleFor(r => r.Reference).MaximumLength(200);
        });
        RuleFor(c => c.Rows).Custom((rows, context) =>
        {
            if (rows is null)
            {
                return;
            }

            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is { Kind: { } kind, ExternalId: { } externalId }
                    && !seen.Add((kind.ToUpperInvariant(), externalId)))
                {
                    context.AddFailure($"Rows[{i}].ExternalId", "The batch contains this kind and external id twice.");
                }
            }
        });
    }
}

internal sealed class PostLedgerEntriesHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<PostLedgerEntriesCommand, Result<LedgerPostResult>>
{
    public async ValueTask<Result<LedgerPostResult>> Handle(PostLedgerEntriesCommand command, CancellationToken cancellationToken)
    {
        if (user.Id is not { } clientId)
        {
            return Result<LedgerPostResult>.Refused(LedgerRefusals.NoClient, "The caller has no identity to scope external ids.");
        }

        var rows = command.Rows;

        // Integrations resolve customers by code regardless of data permissions (they speak for the source system).
        var codes = rows.Select(r => r.CustomerCode!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var customers = await db.Customers.AsNoTracking()
            .Where(c => codes.Contains(c.Code))
            .ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.Ordinal, cancellationToken);
        var unknown = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var code = rows[i].CustomerCode!.Trim();
            if (!customers.ContainsKey(code))
            {
                unknown[$"rows[{i}].customerCode"] = [$"Unknown customer code '{code}'."];
            }
        }

        if (unknown.Count > 0)
        {
            return Result<LedgerPostResult>.Refused(
                LedgerRefusals.UnknownCustomer, $"{unknown.Count} row(s) reference unknown customers; nothing was written.", unknown);
        }

        var externalIds = rows.Select(r => r.ExternalId!).Distinct(StringComparer.Ordinal).ToList();
        var existing = (await db.LedgerEntries
                .Where(e => e.ClientId == clientId && externalIds.Contains(e.ExternalId))
                .ToListAsync(cancellationToken))
            .ToDictionary(e => (e.Kind, e.ExternalId));

        var now = time.GetUtcNow();
        var outcomes = new List<LedgerRowOutcome>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var kind = Enum.Parse<LedgerKind>(row.Kind!, ignoreCase: true);
            var content = new LedgerContent(
                customers[row.CustomerCode!.Trim()],
                row.OpportunityId,
                row.Date!.Value,
                decimal.Round(row.Amount!.Value, 2),
                row.Currency ?? LedgerRefusals.DefaultCurrency,
                string.IsNullOrWhiteSpace(row.Reference) ? null : row.Reference.Trim());
            if (existing.TryGetValue((kind, row.ExternalId!), out var entry))
            {
                var changed = entry.Revise(content, now);
                outcomes.Add(new LedgerRowOutcome(i, kind, entry.ExternalId, entry.Id, changed ? "updated" : "unchanged"));
            }
            else
            {
                entry = new LedgerEntry(Guid.CreateVersion7(), clientId, kind, row.ExternalId!, content, now);
                db.LedgerEntries.Add(entry);
                outcomes.Add(new LedgerRowOutcome(i, kind, entry.ExternalId, entry.Id, "created"));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another post of the same rows won the race on the unique (client, kind, externalId) index.
            return Result<LedgerPostResult>.Refused(
                LedgerRefusals.ConcurrentPost, "The same rows were posted concurrently; nothing was written. Retry the batch.");
        }

        return Result<LedgerPostResult>.Ok(new LedgerPostResult(
            outcomes.Count(o => o.Outcome == "created"),
            outcomes.Count(o => o.Outcome == "updated"),
            outcomes.Count(o => o.Outcome == "unchanged"),
            outcomes));
    }
}
