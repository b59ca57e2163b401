using System.Text;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>What one evaluation sees: the workflow context, the options, and the values <c>variables.*</c> handed out.</summary>
internal sealed class EvaluationScope(IExpressionContext context, ExpressionEvaluationOptions options)
{
    public IExpressionContext Context { get; } = context;

    public ExpressionEvaluationOptions Options { get; } = options;

    /// <summary>Values read or written through <c>variables.x</c>, copied back to the workflow after the script ran.</summary>
    public Dictionary<string, (JsValue Script, object? Original)> VariableCopies { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One Jint engine with CrmFlow's helpers installed once. The helpers read the current <see cref="EvaluationScope"/>,
/// so a pooled engine serves many evaluations (one at a time); per-evaluation globals (generated accessors,
/// arguments) are defined before and deleted after each run.
/// </summary>
internal sealed class JintEngineHost : IDisposable
{
    private readonly OperationDeadlineConstraint _deadline = new();
    private readonly List<string> _temporaryGlobals = [];
    private readonly HashSet<string> _helperNames = new(StringComparer.Ordinal);
    private readonly HashSet<ObjectInstance> _frozen = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _lazilyFrozen = new(StringComparer.Ordinal);
    private EvaluationScope? _scope;

    private JintEngineHost(ScriptingOptions options, bool pooled)
    {
        IsPooled = pooled;

        var jintOptions = new Options();
        jintOptions.Interop.ArrayConversion = ArrayConversionMode.Copy;
        jintOptions.Interop.EnumConversion = EnumConversionMode.String;
        jintOptions.LimitRecursion(options.RecursionLimit);
        jintOptions.LimitMemory(options.MemoryLimitBytes);
        jintOptions.MaxStatements(options.MaxStatements);
        jintOptions.Constraint(_deadline);
        jintOptions.Strict = false;

        if (options.AllowClr)
        {
            jintOptions.AllowClr();
        }

        if (pooled)
        {
            // A pooled engine outlives the script: no code built from strings can reach its global object.
            jintOptions.DisableStringCompilation();
        }

        Engine = new Engine(jintOptions);

        if (pooled)
        {
            LockDownIntrinsics();
        }

        InstallHelpers();
    }

    public Engine Engine { get; }

    public bool IsPooled { get; }

    public int Uses { get; private set; }

    public EvaluationScope Scope => _scope ?? throw new InvalidOperationException("No script is being evaluated on this engine.");

    public static JintEngineHost Create(ScriptingOptions options, bool pooled) => new(options, pooled);

    /// <summary>Names of the helpers every engine has (getVariable, variables, correlationId, …).</summary>
    public static IReadOnlySet<string> HelperNames { get; } = CollectHelperNames();

    public bool IsHelper(string name) => _helperNames.Contains(name);

    private static HashSet<string> CollectHelperNames()
    {
        using var probe = new JintEngineHost(new ScriptingOptions(), pooled: false);
        return probe._helperNames;
    }

    /// <summary>True when <paramref name="name"/> is free for a per-evaluation global on this engine.</summary>
    public bool CanDefine(string name) => !_helperNames.Contains(name) && Engine.Global.GetOwnProperty(name) == PropertyDescriptor.Undefined;

    public void Begin(EvaluationScope scope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _scope = scope;
        Uses++;
        _deadline.Begin(timeout, cancellationToken);
    }

    public void DefineTemporary(string name, JsValue value)
    {
        if (Engine.Global.DefineOwnProperty(name, new PropertyDescriptor(value, PropertyFlag.ConfigurableEnumerableWritable)))
        {
            _temporaryGlobals.Add(name);
        }
    }

    public void End()
    {
        _deadline.End();

        foreach (var name in _temporaryGlobals)
        {
            Engine.Global.Delete(name);
        }

        _temporaryGlobals.Clear();
        _scope = null;
    }

    public void Dispose() => Engine.Dispose();

    /// <summary>
    /// Freezes every built-in reachable from the global object (constructors, prototypes, namespaces such as
    /// <c>Math</c> and <c>JSON</c>) plus the prototypes only syntax reaches (generators, async functions,
    /// iterators), so no script can leave a modified built-in behind for the next one. <c>Intl</c> and
    /// <c>Temporal</c> are large and rarely used: they are frozen the first time a script names them.
    /// </summary>
    private void LockDownIntrinsics()
    {
        foreach (var key in Engine.Global.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            if (key.IsString() && LazilyFrozenGlobals.Contains(key.AsString()))
            {
                continue;
            }

            if (Engine.Global.GetOwnProperty(key) is { } descriptor && descriptor.IsDataDescriptor())
            {
                Freeze(descriptor.Value);
            }
        }

        const string syntaxOnlyIntrinsics = """
            [function* () {}, async function () {}, async function* () {}, () => {},
             (function* () {})(), (async function* () {})(), [][Symbol.iterator](), new Map().entries(),
             new Set().values(), ''[Symbol.iterator](), /a/[Symbol.matchAll]('a'), Promise.resolve(),
             (function () { return arguments; })(), [].values().map(x => x)]
            """;
        Freeze(Engine.Evaluate(syntaxOnlyIntrinsics));
    }

    /// <summary>Globals frozen on first use rather than when the engine is built.</summary>
    public static readonly IReadOnlySet<string> LazilyFrozenGlobals = new HashSet<string>(StringComparer.Ordinal) { "Intl", "Temporal" };

    /// <summary>Freezes a lazily frozen global (see <see cref="LazilyFrozenGlobals"/>) before a script that names it runs.</summary>
    public void EnsureFrozen(string globalName)
    {
        if (IsPooled && _lazilyFrozen.Add(globalName) && Engine.Global.GetOwnProperty(globalName) is { } descriptor && descriptor.IsDataDescriptor())
        {
            Freeze(descriptor.Value);
        }
    }

    private void Freeze(JsValue value)
    {
        if (value is not ObjectInstance obj || ReferenceEquals(obj, Engine.Global) || !_frozen.Add(obj))
        {
            return;
        }

        foreach (var key in obj.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined)
            {
                continue;
            }

            if (descriptor.IsDataDescriptor())
            {
                if (descriptor.Writable || descriptor.Configurable)
                {
                    obj.DefineOwnProperty(key, new PropertyDescriptor(descriptor.Value, writable: false, enumerable: descriptor.Enumerable, configurable: false));
                }

                Freeze(descriptor.Value);
            }
            else
            {
                if (descriptor.Configurable)
                {
                    obj.DefineOwnProperty(key, new GetSetPropertyDescriptor(descriptor.Get, descriptor.Set, descriptor.Enumerable, configurable: false));
                }

                Freeze(descriptor.Get ?? JsValue.Undefined);
                Freeze(descriptor.Set ?? JsValue.Undefined);
            }
        }

        obj.PreventExtensions();
        Freeze(obj.Prototype ?? JsValue.Null);
    }

    private void InstallHelpers()
    {
        Helper("getVariable", 1, args => ReadVariable(ArgString(args, 0)));
        Helper("setVariable", 2, args =>
        {
            WriteVariable(ArgString(args, 0), args.At(1));
            return JsValue.Undefined;
        });
        Helper("getCurrentValue", 0, _ => ReadVariable("CurrentValue"));
        Helper("getInput", 1, args => ToJs(Scope.Context.GetWorkflowInput(ArgString(args, 0))));
        Helper("getOutputFrom", 2, args =>
        {
            var output = args.At(1);
            return ToJs(Scope.Context.GetOutputFrom(ArgString(args, 0), IsNullish(output) ? null : TypeConverter.ToString(output)));
        });
        Helper("getLastResult", 0, _ => ToJs(Scope.Context.GetLastResult()));
        Helper("getWorkflowInstanceId", 0, _ => Scope.Context.WorkflowInstanceId);
        Helper("getWorkflowDefinitionId", 0, _ => Scope.Context.WorkflowDefinitionId);
        Helper("getWorkflowDefinitionVersionId", 0, _ => Scope.Context.WorkflowDefinitionVersionId);
        Helper("getWorkflowDefinitionVersion", 0, _ => Scope.Context.WorkflowDefinitionVersion);
        Helper("getCorrelationId", 0, _ => Scope.Context.CorrelationId is { } id ? id : JsValue.Null);
        Helper("setCorrelationId", 1, args =>
        {
            SetCorrelationId(args.At(0));
            return JsValue.Undefined;
        });
        Helper("isNullOrEmpty", 1, args => IsNullish(args.At(0)) || TypeConverter.ToString(args.At(0)).Length == 0);
        Helper("isNullOrWhiteSpace", 1, args => IsNullish(args.At(0)) || string.IsNullOrWhiteSpace(TypeConverter.ToString(args.At(0))));
        Helper("parseGuid", 1, args => ToJs(Guid.Parse(ArgString(args, 0))));
        Helper("newGuid", 0, _ => ToJs(Guid.NewGuid()));
        Helper("newGuidString", 0, _ => Guid.NewGuid().ToString());
        Helper("getGuidString", 0, _ => Guid.NewGuid().ToString());
        Helper("newShortGuid", 0, _ => ShortGuid());
        Helper("getShortGuid", 0, _ => ShortGuid());
        Helper("toJson", 1, args => JsonValues.Serialize(JintValues.ToClr(args.At(0))));
        Helper("parseJson", 1, args => ToJs(JsonValues.ParseToClr(ArgString(args, 0))));
        Helper("stringToBase64", 1, args => Convert.ToBase64String(Encoding.UTF8.GetBytes(ArgString(args, 0))));
        Helper("stringFromBase64", 1, args => Encoding.UTF8.GetString(Convert.FromBase64String(ArgString(args, 0))));
        Helper("bytesToString", 1, args => Encoding.UTF8.GetString(ValueConverter.ConvertTo<byte[]>(args.At(0)) ?? []));
        Helper("bytesFromString", 1, args => ToJs(Encoding.UTF8.GetBytes(ArgString(args, 0))));
        Helper("bytesToBase64", 1, args => Convert.ToBase64String(ValueConverter.ConvertTo<byte[]>(args.At(0)) ?? []));
        Helper("bytesFromBase64", 1, args => ToJs(Convert.FromBase64String(ArgString(args, 0))));

        Accessor("workflowInstanceId", _ => Scope.Context.WorkflowInstanceId, setter: null);
        Accessor("correlationId", _ => Scope.Context.CorrelationId is { } id ? id : JsValue.Null, SetCorrelationId);

        var variables = new VariablesObject(this);
        Engine.Global.DefineOwnProperty("variables", new PropertyDescriptor(variables, PropertyFlag.None));
        _helperNames.Add("variables");

        if (IsPooled)
        {
            // Helper function objects are shared by every evaluation on this engine.
            foreach (var name in _helperNames)
            {
                var descriptor = Engine.Global.GetOwnProperty(name);
                if (name != "variables" && descriptor.IsDataDescriptor())
                {
                    Freeze(descriptor.Value);
                }
                else if (descriptor.Get is not null)
                {
                    Freeze(descriptor.Get);
                    Freeze(descriptor.Set ?? JsValue.Undefined);
                }
            }
        }
    }

    public JsValue ToJs(object? value) => JintValues.ToJs(Engine, value);

    public JsValue ReadVariable(string name) =>
        Scope.Context.TryGetVariable(name, out var value) ? ToJs(value) : JsValue.Null;

    public void WriteVariable(string name, JsValue value)
    {
        Scope.VariableCopies.Remove(name);
        Scope.Context.SetVariable(name, JintValues.ToClr(value));
    }

    private void SetCorrelationId(JsValue value) =>
        Scope.Context.CorrelationId = IsNullish(value) ? null : TypeConverter.ToString(value);

    private static bool IsNullish(JsValue value) => value.IsNull() || value.IsUndefined();

    private static string ShortGuid() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("/", "", StringComparison.Ordinal)
            .Replace("+", "", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal);

    private static string ArgString(JsValue[] args, int index)
    {
        var value = args.At(index);
        return IsNullish(value) ? string.Empty : TypeConverter.ToString(value);
    }

    private void Helper(string name, int length, Func<JsValue[], JsValue> body)
    {
        var function = new ClrFunction(Engine, name, (_, args) => body(args), length);
        Engine.Global.DefineOwnProperty(name, new PropertyDescriptor(function, PropertyFlag.None));
        _helperNames.Add(name);
    }

    private void Accessor(string name, Func<JsValue, JsValue> getter, Action<JsValue>? setter)
    {
        var get = new ClrFunction(Engine, "get " + name, (self, _) => getter(self));
        var set = setter is null
            ? null
            : new ClrFunction(Engine, "set " + name, (_, args) =>
            {
                setter(args.At(0));
                return JsValue.Undefined;
            }, 1);
        Engine.Global.DefineOwnProperty(name, new GetSetPropertyDescriptor(get, set, enumerable: false, configurable: false));
        _helperNames.Add(name);
    }
}
