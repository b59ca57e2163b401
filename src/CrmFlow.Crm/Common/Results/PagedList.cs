namespace CrmFlow.Crm.Common.Results;

/// <summary>One page of a list: <paramref name="Total"/> counts only what the caller may see.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
