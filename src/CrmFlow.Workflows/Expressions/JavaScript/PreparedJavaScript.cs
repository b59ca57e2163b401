using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;
using Jint;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>
/// A parsed script, cached by source: the Jint prepared program, the globals it names, and whether it may run
/// on a pooled (reused) engine.
/// </summary>
/// <remarks>
/// Scripts run as <c>{ source }</c>, a block, with <c>return</c> allowed outside functions: top-level
/// <c>let</c>/<c>const</c>/<c>class</c> stay local to one evaluation, and the completion value is still the
/// result (<c>getCounter() + 1</c>, <c>return false;</c>). A script is <em>poolable</em> when it cannot leave
/// anything behind in the engine: no global <c>var</c>/function declarations, writes only to its own locals
/// and to <c>variables.*</c>, no <c>this</c>, <c>eval</c>, <c>Function</c>, <c>globalThis</c>, <c>with</c> or
/// <c>import()</c>. Other scripts get a fresh engine of their own.
/// </remarks>
internal sealed class PreparedJavaScript
{
    /// <summary>The globals every engine defines (Math, JSON, parseInt…).</summary>
    private static readonly HashSet<string> StandardGlobals = CollectStandardGlobals();

    private static readonly HashSet<string> DynamicGlobals = new(StringComparer.Ordinal) { "eval", "Function", "globalThis" };

    private PreparedJavaScript(string source, Prepared<Script>? program, Exception? error, IReadOnlySet<string> globals, bool poolable, bool referencesAll)
    {
        Source = source;
        Program = program;
        Error = error;
        Globals = globals;
        IsPoolable = poolable;
        ReferencesAllGlobals = referencesAll;
    }

    public string Source { get; }

    /// <summary>The prepared program; null when the script does not parse (see <see cref="Error"/>).</summary>
    public Prepared<Script>? Program { get; }

    public Exception? Error { get; }

    /// <summary>Identifiers the script reads or writes that it does not declare itself.</summary>
    public IReadOnlySet<string> Globals { get; }

    /// <summary>True when the script may reach globals it does not name (eval and friends): install them all.</summary>
    public bool ReferencesAllGlobals { get; }

    public bool IsPoolable { get; }

    /// <summary>
    /// True when the script names a global that is neither standard JavaScript nor a helper: a generated
    /// accessor or an evaluation argument may be needed.
    /// </summary>
    public bool NeedsGeneratedGlobals => ReferencesAllGlobals || _needsGenerated;

    private bool _needsGenerated;

    public bool References(string name) => ReferencesAllGlobals || Globals.Contains(name);

    private static HashSet<string> CollectStandardGlobals()
    {
        using var engine = new Engine();
        return new HashSet<string>(
            engine.Global.GetOwnPropertyKeys(Jint.Runtime.Types.String).Select(k => k.AsString()),
            StringComparer.Ordinal);
    }

    public static PreparedJavaScript Prepare(string source)
    {
        var options = new ScriptPreparationOptions
        {
            ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
            CollectReferencedGlobals = true,
        };

        Prepared<Script> program;
        try
        {
            // The newline keeps a trailing line comment from swallowing the closing brace.
            program = Engine.PrepareScript("{" + source + "\n}", source: "expression", options: options);
        }
        catch (Exception e) when (e is ParseErrorException or ScriptPreparationException or Jint.Runtime.JavaScriptException)
        {
            return new PreparedJavaScript(source, null, e, new HashSet<string>(), poolable: false, referencesAll: false);
        }

        var referenced = program.ReferencedGlobals;
        var globals = referenced is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(referenced, StringComparer.Ordinal);
        var dynamic = referenced is null || referenced.HasDirectEvalCall || globals.Overlaps(DynamicGlobals);
        var poolable = !dynamic && program.Program is { } ast && new PoolabilityCheck(globals).IsPoolable(ast);
        return new PreparedJavaScript(source, program, null, globals, poolable, dynamic)
        {
            _needsGenerated = globals.Any(g => !JintEngineHost.HelperNames.Contains(g) && !StandardGlobals.Contains(g)),
        };
    }

    private sealed class PoolabilityCheck(HashSet<string> globals)
    {
        private static readonly HashSet<string> ReflectiveMembers = new(StringComparer.Ordinal)
        {
            "prototype", "__proto__", "constructor", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
            // Reaches a Temporal prototype without naming Temporal, which pooled engines freeze only when named.
            "toTemporalInstant",
        };

        public bool IsPoolable(Node root) => Walk(root, insideFunction: false);

        private bool Walk(Node node, bool insideFunction)
        {
            switch (node)
            {
                case ThisExpression or WithStatement or ImportExpression or MetaProperty:
                    return false;
                case FunctionDeclaration when !insideFunction:
                    return false;
                case VariableDeclaration { Kind: VariableDeclarationKind.Var } when !insideFunction:
                    return false;
                case AssignmentExpression assignment when !IsSafeTarget(assignment.Left):
                    return false;
                case UpdateExpression update when !IsSafeTarget(update.Argument):
                    return false;
                case UnaryExpression { Operator: Operator.Delete }:
                    return false;
                case ForInStatement { Left: not VariableDeclaration } forIn when !IsSafeTarget(forIn.Left):
                    return false;
                case ForOfStatement { Left: not VariableDeclaration } forOf when !IsSafeTarget(forOf.Left):
                    return false;
                case MemberExpression member when IsReflectiveMember(member):
                    return false;
            }

            var inside = insideFunction || node is IFunction;
            foreach (var child in node.ChildNodes)
            {
                if (!Walk(child, inside))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsReflectiveMember(MemberExpression member) => member switch
        {
            { Computed: false, Property: Identifier id } => ReflectiveMembers.Contains(id.Name),
            { Computed: true, Property: Literal { Value: string key } } => ReflectiveMembers.Contains(key),
            _ => false,
        };

        /// <summary>Locals may be assigned; so may members of the per-evaluation <c>variables</c> object.</summary>
        private bool IsSafeTarget(Node target) => target switch
        {
            Identifier id => !globals.Contains(id.Name),
            MemberExpression member => RootOf(member) is Identifier { Name: "variables" } && globals.Contains("variables"),
            ObjectPattern pattern => pattern.Properties.All(p => p switch
            {
                AssignmentProperty property => IsSafeTarget(property.Value),
                RestElement rest => IsSafeTarget(rest.Argument),
                _ => false,
            }),
            ArrayPattern pattern => pattern.Elements.All(e => e is null || IsSafeTarget(e)),
            AssignmentPattern pattern => IsSafeTarget(pattern.Left),
            RestElement rest => IsSafeTarget(rest.Argument),
            _ => false,
        };

        private static Node RootOf(MemberExpression member)
        {
            Node current = member;
            while (current is MemberExpression m)
            {
                current = m.Object;
            }

            return current;
        }
    }
}

/// <summary>A bounded cache of prepared scripts keyed by source text.</summary>
internal sealed class PreparedJavaScriptCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, PreparedJavaScript> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public PreparedJavaScript Get(string source)
    {
        if (_entries.TryGetValue(source, out var prepared))
        {
            return prepared;
        }

        prepared = PreparedJavaScript.Prepare(source);

        if (_entries.Count >= capacity)
        {
            // Definitions hold a bounded set of scripts; a runaway generator of distinct sources only resets the cache.
            _entries.Clear();
        }

        return _entries.GetOrAdd(source, prepared);
    }
}
