using CrmFlow.Crm.Common.Http;

namespace CrmFlow.Crm.Tests.Common;

public class ValidationExceptionHandlerTests
{
    [Theory]
    [InlineData("Name", "name")]
    [InlineData("Rows[2].CustomerCode", "rows[2].customerCode")]
    [InlineData("UserIds", "userIds")]
    [InlineData("", "")]
    public void Field_paths_become_camel_case_json_paths(string property, string expected) =>
        Assert.Equal(expected, ValidationExceptionHandler.JsonPath(property));
}
