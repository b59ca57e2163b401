using System.Dynamic;
using System.Net;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class WellKnownTypeRegistryTests
{
    public static TheoryData<string, Type> Names => new()
    {
        { "String", typeof(string) },
        { "string", typeof(string) },
        { "Int32", typeof(int) },
        { "Int32?", typeof(int?) },
        { "Int64", typeof(long) },
        { "Long", typeof(long) },
        { "Boolean", typeof(bool) },
        { "Double", typeof(double) },
        { "Decimal", typeof(decimal) },
        { "Object", typeof(object) },
        { "Object[]", typeof(object[]) },
        { "String[]", typeof(string[]) },
        { "List<String>", typeof(List<string>) },
        { "ICollection<String>", typeof(ICollection<string>) },
        { "IDictionary<String, Object>", typeof(IDictionary<string, object>) },
        { "Dictionary<String,String>", typeof(Dictionary<string, string>) },
        { "ObjectDictionary", typeof(IDictionary<string, object>) },
        { "StringMap", typeof(Dictionary<string, string>) },
        { "TimeSpan", typeof(TimeSpan) },
        { "DateTime", typeof(DateTime) },
        { "DateTimeOffset?", typeof(DateTimeOffset?) },
        { "Guid", typeof(Guid) },
        { "ExpandoObject", typeof(ExpandoObject) },
        { "JSON", typeof(ExpandoObject) },
        { "JsonNode", typeof(JsonNode) },
        { "JsonObject", typeof(JsonObject) },
        { "HttpStatusCode", typeof(HttpStatusCode) },
        { "ByteArray", typeof(byte[]) },
        { "System.String", typeof(string) },
        { "System.String, mscorlib", typeof(string) },
        { "System.Int32, System.Private.CoreLib", typeof(int) },
        { "System.Net.HttpStatusCode, System.Net.Primitives", typeof(HttpStatusCode) },
        { "UnregisteredClrType:System.Guid, System.Private.CoreLib", typeof(Guid) },
        { "System.Collections.Generic.List`1[[System.String, mscorlib]], mscorlib", typeof(List<string>) },
        { "System.Dynamic.ExpandoObject, System.Linq.Expressions", typeof(ExpandoObject) },
        { "Newtonsoft.Json.Linq.JObject, Newtonsoft.Json", typeof(JsonObject) },
        { "Newtonsoft.Json.Linq.JArray", typeof(JsonArray) },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Resolves_elsa_type_names(string name, Type expected)
    {
        Assert.True(WellKnownTypeRegistry.Default.TryGetType(name, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("Elsa.Nowhere.Thing, Elsa.Nowhere")]
    [InlineData("NoSuchType")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_resolve_to_object(string? name)
    {
        Assert.False(WellKnownTypeRegistry.Default.TryGetType(name, out _));
        Assert.Equal(typeof(object), WellKnownTypeRegistry.Default.GetTypeOrObject(name));
    }

    [Theory]
    [InlineData(typeof(string), "String")]
    [InlineData(typeof(int), "Int32")]
    [InlineData(typeof(int?), "Int32?")]
    [InlineData(typeof(long), "Int64")]
    [InlineData(typeof(ExpandoObject), "JSON")]
    [InlineData(typeof(string[]), "String[]")]
    [InlineData(typeof(List<string>), "List<String>")]
    [InlineData(typeof(IDictionary<string, object>), "ObjectDictionary")]
    public void Gives_the_alias_elsa_writes(Type type, string alias)
    {
        Assert.Equal(alias, WellKnownTypeRegistry.Default.GetAlias(type));
    }

    [Fact]
    public void Custom_aliases_can_be_registered()
    {
        var registry = WellKnownTypeRegistry.CreateDefault();
        registry.Register(typeof(ValueConverterTests.Address), "Address");

        Assert.Equal(typeof(ValueConverterTests.Address), registry.GetTypeOrObject("Address"));
        Assert.Equal(typeof(List<ValueConverterTests.Address>), registry.GetTypeOrObject("List<Address>"));
        Assert.Equal("Address", registry.GetAlias(typeof(ValueConverterTests.Address)));
        Assert.False(WellKnownTypeRegistry.Default.TryGetType("Address", out _));
    }
}
