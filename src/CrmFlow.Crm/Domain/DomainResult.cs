namespace CrmFlow.Crm.Domain;

/// <summary>
/// One reason a domain formula refuses its input: the offending <paramref name="Field"/> (a path such as
/// <c>Stages[1].Conversion</c>), a stable machine-readable <paramref name="Code"/> and an English message.
/// </summary>
public sealed record DomainError(string Field, string Code, string Message);

/// <summary>
/// The outcome of a domain formula: either a value or the complete list of <see cref="DomainError"/>s.
/// Expected refusals (bad plans, bad thresholds) are values, not exceptions, so a slice can turn them into
/// field errors at the edge or a workflow can branch on them. All errors are collected, not just the first.
/// </summary>
public sealed class DomainResult<T>
{
    private readonly T? value;

    internal DomainResult(T value)
    {
        this.value = value;
        Errors = [];
    }

    internal DomainResult(IReadOnlyList<DomainError> errors)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed result needs at least one error.", nameof(errors));
        }

        Errors = errors;
    }

    public bool IsSuccess => Errors.Count == 0;

    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>The computed value; reading it on a failed result is a defect and throws.</summary>
    public T Value => IsSuccess
        ? value!
        : throw new InvalidOperationException("The result failed validation: " + string.Join("; ", Errors.Select(e => e.Field + ": " + e.Message)));
}

/// <summary>Factory methods for <see cref="DomainResult{T}"/>.</summary>
public static class DomainResult
{
    public static DomainResult<T> Success<T>(T value) => new(value);

    public static DomainResult<T> Failure<T>(IReadOnlyList<DomainError> errors) => new(errors);

    /// <summary>Returns the value built by <paramref name="build"/> when <paramref name="errors"/> is empty, otherwise the errors.</summary>
    internal static DomainResult<T> From<T>(List<DomainError> errors, Func<T> build) =>
        errors.Count == 0 ? new(build()) : new(errors);
}

/// <summary>The stable codes used in <see cref="DomainError.Code"/>.</summary>
public static class DomainErrorCodes
{
    public const string Required = "required";
    public const string MustBePositive = "must_be_positive";
    public const string MustNotBeNegative = "must_not_be_negative";
    public const string OutOfRange = "out_of_range";
    public const string NotOrdered = "not_ordered";
    public const string Duplicate = "duplicate";
    public const string Unknown = "unknown";
    public const string InvalidInterval = "invalid_interval";
}
