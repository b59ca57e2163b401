using System.Dynamic;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class ValueConverterTests
{
    /// <summary>Non-generic on purpose: the cases are about runtime target types.</summary>
    private static object? To(object? value, Type target) => ValueConverter.ConvertTo(value, target);

    public enum Stage
    {
        Lead,
        Qualified,
        Won,
    }

    public sealed record Address(string Street, int Number);

    public static TheoryData<object?, Type, object?> Scalars => new()
    {
        { "True", typeof(bool), true },
        { "false", typeof(bool), false },
        { "1", typeof(bool), true },
        { "4", typeof(int), 4 },
        { " 4 ", typeof(int), 4 },
        { "4.0", typeof(int), 4 },
        { "1e3", typeof(long), 1000L },
        { "12.99", typeof(decimal), 12.99m },
        { "12.99", typeof(double), 12.99 },
        { "", typeof(int), 0 },
        { "  ", typeof(int?), null },
        { null, typeof(int), 0 },
        { null, typeof(string), null },
        { "00:00:05", typeof(TimeSpan), TimeSpan.FromSeconds(5) },
        { "1.02:03:04", typeof(TimeSpan), new TimeSpan(1, 2, 3, 4) },
        { "PT5M", typeof(TimeSpan), TimeSpan.FromMinutes(5) },
        { 1500d, typeof(TimeSpan), TimeSpan.FromMilliseconds(1500) },
        { "OK", typeof(HttpStatusCode), HttpStatusCode.OK },
        { "notfound", typeof(HttpStatusCode), HttpStatusCode.NotFound },
        { "201", typeof(HttpStatusCode), HttpStatusCode.Created },
        { 404d, typeof(HttpStatusCode), HttpStatusCode.NotFound },
        { 2, typeof(Stage), Stage.Won },
        { "Qualified", typeof(Stage?), Stage.Qualified },
        { 9d, typeof(int), 9 },
        { 9.6d, typeof(int), 10 },
        { 9, typeof(double), 9d },
        { 9L, typeof(int), 9 },
        { 12.5m, typeof(double), 12.5 },
        { 1d, typeof(bool), true },
        { true, typeof(int), 1 },
        { 9d, typeof(string), "9" },
        { 12.99d, typeof(string), "12.99" },
        { true, typeof(string), "True" },
        { Stage.Won, typeof(string), "Won" },
        { Stage.Won, typeof(int), 2 },
        { "x", typeof(char), 'x' },
        { "6f9619ff-8b86-d011-b42d-00c04fc964ff", typeof(Guid), Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff") },
        { "https://example.org/a", typeof(Uri), new Uri("https://example.org/a") },
        { "aGk=", typeof(byte[]), "hi"u8.ToArray() },
        { "String", typeof(Type), typeof(string) },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Converts_scalars(object? value, Type target, object? expected)
    {
        Assert.Equal(expected, To(value, target));
    }

    public static TheoryData<string, Type, object> Dates => new()
    {
        { "2026-11-26T10:15:00Z", typeof(DateTimeOffset), new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.Zero) },
        { "2026-11-26T10:15:00+02:00", typeof(DateTimeOffset), new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.FromHours(2)) },
        { "2026-11-26", typeof(DateTimeOffset), new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero) },
        { "2026-11-26T10:15:00Z", typeof(DateTime), new DateTime(2026, 11, 26, 10, 15, 0, DateTimeKind.Utc) },
        { "2026-11-26", typeof(DateOnly), new DateOnly(2026, 11, 26) },
        { "10:15", typeof(TimeOnly), new TimeOnly(10, 15) },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Converts_iso_dates(string value, Type target, object expected)
    {
        Assert.Equal(expected, To(value, target));
    }

    [Fact]
    public void Converts_between_date_types()
    {
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        Assert.Equal(new DateTimeOffset(utc), To(utc, typeof(DateTimeOffset)));
        Assert.Equal(utc, To(new DateTimeOffset(utc), typeof(DateTime)));
        Assert.Equal(new DateOnly(2026, 1, 2), To(utc, typeof(DateOnly)));
    }

    public static TheoryData<object, Type, object> Collections => new()
    {
        { "[\"GET\"]", typeof(string[]), new[] { "GET" } },
        { "[\"GET\",\"POST\"]", typeof(ICollection<string>), new List<string> { "GET", "POST" } },
        { "[1, 2]", typeof(List<int>), new List<int> { 1, 2 } },
        { "[\"1\", \"2\"]", typeof(IEnumerable<int>), new[] { 1, 2 } },
        { "[1, 2]", typeof(HashSet<long>), new HashSet<long> { 1, 2 } },
        { "[1, \"a\", null]", typeof(object[]), new object?[] { 1, "a", null } },
        { "GET", typeof(string[]), new[] { "GET" } },
        { new object?[] { 1d, 2d }, typeof(IReadOnlyList<int>), new List<int> { 1, 2 } },
        { new List<string> { "a" }, typeof(string[]), new[] { "a" } },
    };

    [Theory]
    [MemberData(nameof(Collections))]
    public void Converts_json_text_and_sequences_to_collections(object value, Type target, object expected)
    {
        var result = To(value, target);

        Assert.True(target.IsInstanceOfType(result), $"{result?.GetType()} is not {target}");
        Assert.Equal(((System.Collections.IEnumerable)expected).Cast<object?>(), ((System.Collections.IEnumerable)result!).Cast<object?>());
    }

    [Fact]
    public void Converts_json_text_to_dictionaries_expando_objects_and_records()
    {
        const string json = """{ "Street": "Main", "Number": 5, "Tags": ["a"] }""";

        var dictionary = Assert.IsType<Dictionary<string, object>>(To(json, typeof(IDictionary<string, object>)));
        Assert.Equal("Main", dictionary["Street"]);
        Assert.Equal(5, dictionary["Number"]);

        var expando = Assert.IsType<ExpandoObject>(To(json, typeof(ExpandoObject))) as IDictionary<string, object?>;
        Assert.Equal(new object?[] { "a" }, expando["Tags"]);

        var strings = Assert.IsType<Dictionary<string, string>>(To("""{ "a": 1, "b": "x" }""", typeof(IDictionary<string, string>)));
        Assert.Equal("1", strings["a"]);

        Assert.Equal(new Address("Main", 5), To(json, typeof(Address)));
        Assert.Equal(new Address("Main", 5), To("""{ "street": "Main", "number": "5" }""", typeof(Address)));
    }

    [Fact]
    public void Converts_json_text_to_json_types()
    {
        var node = Assert.IsType<JsonObject>(To("""{"a":1}""", typeof(JsonNode)));
        Assert.Equal(1, node["a"]!.GetValue<int>());

        Assert.IsType<JsonArray>(To("[1]", typeof(JsonArray)));
        Assert.Equal("hi", Assert.IsType<JsonValue>(To("hi", typeof(JsonNode)), exactMatch: false).GetValue<string>());

        var element = Assert.IsType<JsonElement>(To("""{"a":[1]}""", typeof(JsonElement)));
        Assert.Equal(JsonValueKind.Array, element.GetProperty("a").ValueKind);

        Assert.Throws<ValueConversionException>(() => To("[1]", typeof(JsonObject)));
    }

    [Fact]
    public void Converts_json_element_and_json_node_to_net()
    {
        using var document = JsonDocument.Parse("""{ "id": 1, "price": 12.99, "tags": ["x"], "ok": true, "none": null }""");
        var root = document.RootElement;

        var plain = Assert.IsType<ExpandoObject>(To(root, typeof(object))) as IDictionary<string, object?>;
        Assert.Equal(1, plain["id"]);
        Assert.Equal(12.99, plain["price"]);
        Assert.Equal(new object?[] { "x" }, plain["tags"]);
        Assert.Equal(true, plain["ok"]);
        Assert.Null(plain["none"]);

        Assert.Equal(12.99m, To(root.GetProperty("price"), typeof(decimal)));
        Assert.Equal("12.99", To(root.GetProperty("price"), typeof(string)));
        Assert.Equal(new[] { "x" }, To(root.GetProperty("tags"), typeof(string[])));
        Assert.Null(To(root.GetProperty("none"), typeof(string)));
        Assert.Equal(new Address("Main", 2), To(JsonNode.Parse("""{"Street":"Main","Number":2}"""), typeof(Address)));

        var node = JsonNode.Parse("""{"a":[1,2]}""");
        Assert.Same(node, To(node, typeof(object)));
        Assert.Equal("""{"a":[1,2]}""", To(node, typeof(string)));
        Assert.Equal(5, To(JsonValue.Create(5), typeof(int)));
        Assert.Equal("5", To(JsonValue.Create(5), typeof(string)));
        Assert.Equal(new List<int> { 1, 2 }, To(node!["a"], typeof(List<int>)));
    }

    [Fact]
    public void Converts_expando_objects_and_dictionaries()
    {
        var expando = new ExpandoObject() as IDictionary<string, object?>;
        expando["Street"] = "Main";
        expando["Number"] = 7d;

        Assert.Equal(new Address("Main", 7), To(expando, typeof(Address)));
        Assert.Equal("""{"Street":"Main","Number":7}""", To(expando, typeof(string)));
        var node = Assert.IsType<JsonObject>(To(expando, typeof(JsonNode)));
        Assert.Equal("Main", node["Street"]!.GetValue<string>());

        var copy = Assert.IsType<Dictionary<string, object>>(To(expando, typeof(IDictionary<string, object>)));
        Assert.Equal(7d, copy["Number"]);
        var back = Assert.IsType<ExpandoObject>(To(new Dictionary<string, object> { ["a"] = 1 }, typeof(ExpandoObject))) as IDictionary<string, object?>;
        Assert.Equal(1, back["a"]);
    }

    [Fact]
    public void Serializes_structured_values_to_json_text()
    {
        Assert.Equal("""["a",1]""", To(new object[] { "a", 1 }, typeof(string)));
        Assert.Equal("""{"k":"v"}""", To(new Dictionary<string, string> { ["k"] = "v" }, typeof(string)));
        Assert.Equal("""{"Street":"Main","Number":1}""", ((JsonNode)To(new Address("Main", 1), typeof(JsonNode))!).ToJsonString());
    }

    [Theory]
    [InlineData("abc", typeof(int))]
    [InlineData("4.5", typeof(int))]
    [InlineData("maybe", typeof(bool))]
    [InlineData("Nope", typeof(HttpStatusCode))]
    [InlineData("not a guid", typeof(Guid))]
    [InlineData("{ broken", typeof(Address))]
    public void Impossible_conversions_raise_a_clear_exception(string value, Type target)
    {
        var thrown = Assert.Throws<ValueConversionException>(() => To(value, target));

        Assert.Equal(target, thrown.TargetType);
        Assert.Contains(target.Name, thrown.Message, StringComparison.Ordinal);
        Assert.False(ValueConverter.TryConvertTo(value, target, out _));
    }

    [Fact]
    public void Values_already_of_the_target_type_are_returned_as_is()
    {
        var list = new List<string> { "a" };

        Assert.Same(list, To(list, typeof(IEnumerable<string>)));
        Assert.Same(list, To(list, typeof(object)));
        Assert.Equal(5, ValueConverter.ConvertTo<int>("5"));
        Assert.Equal(0, ValueConverter.ConvertTo<int>(null));
    }
}
