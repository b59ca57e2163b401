using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.ValuePyramid;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.TakeSnapshots;

/// <summary>
/// The scheduled run: computes every active model over whole months (the period ends at the first day of the
/// current month, or at <paramref name="PeriodTo"/>), stores one snapshot per model and period (replacing one for
/// the same period) and compares it with the model's previous snapshot. Returns each customer whose tier moved up
/// or down, for the "tier changed" workflow event. Customers new to the pyramid are counted, not listed as moves.
/// </summary>
public sealed record TakePyramidSnapshotsCommand(DateOnly? PeriodTo = null) : ICommand<PyramidSnapshotsTaken>;

public sealed record PyramidSnapshotsTaken(IReadOnlyList<PyramidSnapshotTaken> Snapshots, IReadOnlyList<CustomerTierChanged> Changes);

public sealed record PyramidSnapshotTaken(
    Guid SnapshotId, Guid ModelId, string ModelName, DateOnly PeriodFrom, DateOnly PeriodTo, int CustomerCount,
    int Moved, int Entered, bool HasPrevious, IReadOnlyList<string> MissingSources);

/// <summary>The payload of the <c>CustomerTierChanged</c> workflow event.</summary>
public sealed record CustomerTierChanged(
    Guid CustomerId,
    string CustomerCode,
    string CustomerName,
    Guid? OwnerId,
    Guid ModelId,
    string ModelName,
    string OldTier,
    string NewTier,
    string Direction,
    DateOnly PeriodFrom,
    DateOnly PeriodTo);

internal sealed class TakePyramidSnapshotsValidator : AbstractValidator<TakePyramidSnapshotsCommand>
{
    public TakePyramidSnapshotsValidator() =>
        RuleFor(c => c.PeriodTo).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("The period end must be a date between 2000 and 2100.");
}

internal sealed class TakePyramidSnapshotsHandler(CrmDbContext db, PyramidCalculator calculator, TimeProvider time)
    : ICommandHandler<TakePyramidSnapshotsCommand, PyramidSnapshotsTaken>
{
    public async ValueTask<PyramidSnapshotsTaken> Handle(TakePyramidSnapshotsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var periodTo = command.PeriodTo ?? PyramidCalculator.ScheduledPeriodEnd(now);
        var models = await db.PyramidModels.AsNoTracking().Where(m => m.IsActive).ToListAsync(cancellationToken);
        var taken = new List<PyramidSnapshotTaken>();
        var changes = new List<CustomerTierChanged>();
        foreach (var model in models.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var computed = await calculator.ComputeAsync(model, periodTo, new PyramidPopulation(), cancellationToken);
            var result = computed.Result;
            var previous = await db.PyramidSnapshots.AsNoTracking()
                .Where(s => s.ModelId == model.Id && s.PeriodTo < periodTo)
                .OrderByDescending(s => s.PeriodTo)
                .Select(s => new { s.Id, s.TierOrder })
                .FirstOrDefaultAsync(cancellationToken);

            var moves = new List<TierChange>();
            var entered = 0;
            if (previous is not null)
            {
                var earlier = await db.PyramidSnapshotEntries.AsNoTracking()
                    .Where(e => e.SnapshotId == previous.Id)
                    .ToDictionaryAsync(e => e.CustomerId, e => e.Tier, cancellationToken);

                // Compare on the current tier order; a tier renamed or removed since is treated as leaving the pyramid.
                var order = result.TierOrder;
                var known = earlier.Where(e => order.Contains(e.Value, StringComparer.Ordinal)).ToDictionary(e => e.Key, e => e.Value);
                var detected = TierChangeDetector.Detect(order, known, result.ToSnapshot()).Value;
                moves.AddRange(detected.Where(c => c.Move is TierMove.Up or TierMove.Down));
                entered = detected.Count(c => c.Move == TierMove.Entered);
            }

            var snapshot = new PyramidSnapshot(
                Guid.CreateVersion7(), model.Id, computed.Coverage.PeriodFrom, periodTo, result.TierOrder, computed.Coverage.IsShortHistory, now);
            foreach (var customer in result.Customers)
            {
                snapshot.Add(customer.CustomerId, customer.Tier, customer.Value, customer.Rank);
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var replaced = db.PyramidSnapshots.Where(s => s.ModelId == model.Id && s.PeriodTo == periodTo);
                await db.PyramidSnapshotEntries.Where(e => replaced.Any(s => s.Id == e.SnapshotId)).ExecuteDeleteAsync(cancellationToken);
                await replaced.ExecuteDeleteAsync(cancellationToken);
                db.PyramidSnapshots.Add(snapshot);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            changes.AddRange(await DescribeAsync(model, computed, moves, cancellationToken));
            taken.Add(new PyramidSnapshotTaken(
                snapshot.Id, model.Id, model.Name, computed.Coverage.PeriodFrom, periodTo, result.CustomerCount,
                moves.Count, entered, previous is not null, computed.Coverage.MissingSources));
        }

        return new PyramidSnapshotsTaken(taken, changes);
    }

    private async Task<IEnumerable<CustomerTierChanged>> DescribeAsync(
        PyramidModel model, PyramidComputation computed, List<TierChange> moves, CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
        {
            return [];
        }

        var ids = moves.Select(m => m.CustomerId).ToList();
        var customers = new Dictionary<Guid, (string Code, string Name, Guid? OwnerId)>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var rows = await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.Code, c.Name, c.OwnerId })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                customers[row.Id] = (row.Code, row.Name, row.OwnerId);
            }
        }

        return moves
            .Where(m => customers.ContainsKey(m.CustomerId))
            .Select(m =>
            {
                var c = customers[m.CustomerId];
                return new CustomerTierChanged(
                    m.CustomerId, c.Code, c.Name, c.OwnerId, model.Id, model.Name, m.From!, m.To!, m.Move.ToString(),
                    computed.Coverage.PeriodFrom, computed.Coverage.PeriodTo);
            });
    }
}
