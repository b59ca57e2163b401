namespace CrmFlow.Crm.Common.Results;

/// <summary>How a use case ended when it did not simply succeed.</summary>
public enum ResultStatus
{
    Ok,

    /// <summary>Missing, or not visible to the caller: the two are indistinguishable on purpose.</summary>
    NotFound,

    /// <summary>Visible to the caller but not writable by them.</summary>
    Forbidden,

    /// <summary>An expected refusal of the domain (422 with a stable <see cref="Refusal.Code"/>).</summary>
    Refused,
}

/// <summary>Why a use case refused: a stable machine-readable code, an English detail, optional field errors.</summary>
public sealed record Refusal(string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>The outcome of a use case: a value, or not-found / forbidden / a refusal.</summary>
public sealed class Result<T> : IUseCaseResult
{
    private Result(ResultStatus status, T? value, Refusal? refusal)
    {
        Status = status;
        Value = value;
        Refusal = refusal;
    }

    public ResultStatus Status { get; }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public bool IsOk => Status == ResultStatus.Ok;

#pragma warning disable CA1000 // Factories on the generic type read best at call sites: Result<Customer>.NotFound().
    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null);

    public static Result<T> NotFound() => new(ResultStatus.NotFound, default, null);

    public static Result<T> Forbidden(string code, string detail) => new(ResultStatus.Forbidden, default, new Refusal(code, detail));

    public static Result<T> Refused(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(ResultStatus.Refused, default, new Refusal(code, detail, errors));
#pragma warning restore CA1000

    /// <summary>Carries a non-OK outcome over to another value type.</summary>
    public Result<TOther> Cast<TOther>() => IsOk
        ? throw new InvalidOperationException("Only a failed result can be cast.")
        : new Result<TOther>(Status, default, Refusal);

}

/// <summary>What every <see cref="Result{T}"/> exposes, for logging without knowing T.</summary>
public interface IUseCaseResult
{
    ResultStatus Status { get; }
}

/// <summary>A value with no content, for commands that only succeed or refuse.</summary>
public readonly record struct Done;
