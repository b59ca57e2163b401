using CrmFlow.Crm.Domain;

namespace CrmFlow.Crm.Tests.Domain;

public class DomainResultTests
{
    [Fact]
    public void Success_carries_the_value_and_no_errors()
    {
        var result = DomainResult.Success(42);

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Errors);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Failure_carries_every_error_and_reading_its_value_is_a_defect()
    {
        var result = DomainResult.Failure<int>([new("A", DomainErrorCodes.Required, "a"), new("B", DomainErrorCodes.OutOfRange, "b")]);

        Assert.False(result.IsSuccess);
        Assert.Equal(["A", "B"], result.Errors.Select(e => e.Field));
        var thrown = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("A: a; B: b", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_without_errors_is_a_defect() =>
        Assert.Throws<ArgumentException>(() => DomainResult.Failure<int>([]));
}
