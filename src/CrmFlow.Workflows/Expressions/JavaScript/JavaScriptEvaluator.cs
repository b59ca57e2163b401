using System.Collections.Concurrent;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>
/// Evaluates <c>JavaScript</c> expressions with Jint, with Elsa's globals: <c>getVariable</c>/<c>setVariable</c>,
/// generated <c>get&lt;Variable&gt;()</c>/<c>set&lt;Variable&gt;(v)</c>, <c>get&lt;Input&gt;()</c>,
/// <c>get&lt;Output&gt;From&lt;Activity&gt;()</c>, <c>variables.x</c>, <c>getInput</c>, <c>getOutputFrom</c>,
/// <c>getLastResult</c>, workflow identity and correlation helpers, GUID/JSON/base64 helpers,
/// <c>getCurrentValue()</c>, and each <see cref="ExpressionEvaluationOptions.Arguments"/> entry as a global
/// (plus <c>get&lt;Name&gt;()</c> and <c>args.name</c>).
/// </summary>
/// <remarks>
/// Parsed scripts are cached by source. Scripts that cannot leave state behind run on pooled engines whose
/// built-ins are frozen; the others on a fresh engine. Every run is bounded by <see cref="ScriptingOptions"/>:
/// breaking a limit throws <see cref="ScriptLimitExceededException"/> (limits <c>Timeout</c>, <c>Recursion</c>,
/// <c>Memory</c>, <c>Statements</c>); cancelling the context's token throws <see cref="OperationCanceledException"/>;
/// script errors throw <see cref="ExpressionEvaluationException"/>.
/// </remarks>
public sealed class JavaScriptEvaluator : IExpressionEvaluator, IExpressionValidator, IDisposable
{
    public const string TypeName = "JavaScript";

    private const int MaxUsesPerEngine = 5_000;

    private readonly ScriptingOptions _options;
    private readonly PreparedJavaScriptCache _cache = new();
    private readonly ConcurrentBag<JintEngineHost> _idle = [];
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private int _disposed;

    public JavaScriptEvaluator(ScriptingOptions? options = null)
    {
        _options = options ?? new ScriptingOptions();
    }

    public string ExpressionType => TypeName;

    /// <summary>How many parsed scripts are cached (for diagnostics and tests).</summary>
    public int CachedScriptCount => _cache.Count;

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return EvaluateScriptAsync(expression.ValueAsString ?? string.Empty, targetType, context, options);
    }

    /// <summary>Runs <paramref name="script"/> (an expression or a script with <c>return</c>) and converts the result.</summary>
    public ValueTask<object?> EvaluateScriptAsync(string script, Type targetType, IExpressionContext context, ExpressionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(context);

        if (string.IsNullOrWhiteSpace(script))
        {
            return ValueTask.FromResult(ValueConverter.DefaultOf(targetType));
        }

        var result = Evaluate(script, context, options ?? ExpressionEvaluationOptions.Empty);
        return ValueTask.FromResult(ValueConverter.ConvertTo(result, targetType));
    }

    /// <summary>
    /// Builds one pooled engine ahead of the first script (the first engine of a process pays Jint's start-up);
    /// a host may call this in the background at start.
    /// </summary>
    public void WarmUp() => Return(Rent(), healthy: true);

    /// <summary>Parses <paramref name="expression"/> without running it; returns the syntax error, or null when it parses.</summary>
    public string? Validate(string expression) => _cache.Get(expression).Error?.Message;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (_idle.TryTake(out var host))
        {
            host.Dispose();
        }
    }

    private object? Evaluate(string source, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        var script = _cache.Get(source);

        if (script.Program is not { } program)
        {
            throw new ExpressionEvaluationException(TypeName, source, script.Error?.Message ?? "The script does not parse.", script.Error);
        }

        context.CancellationToken.ThrowIfCancellationRequested();

        var scope = new EvaluationScope(context, options);
        var globals = PlanGlobals(script, context, options);
        var host = script.IsPoolable ? Rent() : JintEngineHost.Create(_options, pooled: false);
        if (host.IsPooled && globals.Any(g => !host.CanDefine(g.Name)))
        {
            // An argument named like a built-in (say "JSON") would shadow it for later scripts: run this one alone.
            Return(host, healthy: true);
            host = JintEngineHost.Create(_options, pooled: false);
        }

        foreach (var name in JintEngineHost.LazilyFrozenGlobals)
        {
            if (script.References(name))
            {
                host.EnsureFrozen(name);
            }
        }

        var healthy = false;
        host.Begin(scope, _options.Timeout, context.CancellationToken);
        try
        {
            foreach (var (name, factory) in globals)
            {
                if (!host.IsHelper(name))
                {
                    host.DefineTemporary(name, factory(host));
                }
            }

            var value = host.Engine.Evaluate(program).UnwrapIfPromise(_options.Timeout);

            CopyVariablesBack(scope);
            var result = JintValues.ToClr(value);
            healthy = true;
            return result;
        }
        catch (Exception e) when (Translate(e, source, context) is { } translated)
        {
            throw translated;
        }
        finally
        {
            host.End();
            Return(host, healthy);
        }
    }

    private JintEngineHost Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        return _idle.TryTake(out var host) ? host : JintEngineHost.Create(_options, pooled: true);
    }

    private void Return(JintEngineHost host, bool healthy)
    {
        if (host.IsPooled && healthy && host.Uses < MaxUsesPerEngine && _idle.Count < _maxIdle && Volatile.Read(ref _disposed) == 0)
        {
            _idle.Add(host);
            return;
        }

        host.Dispose();
    }

    private static void CopyVariablesBack(EvaluationScope scope)
    {
        foreach (var (name, (script, original)) in scope.VariableCopies)
        {
            // Only data copied into script can have changed there; wrapped .NET objects were shared live.
            if (script is not ObjectInstance || script is IObjectWrapper)
            {
                continue;
            }

            var value = JintValues.ToClr(script);
            if (original is not null && ValueConverter.TryConvertTo(value, original.GetType(), out var typed))
            {
                value = typed;
            }

            scope.Context.SetVariable(name, value);
        }
    }

    private Exception? Translate(Exception e, string source, IExpressionContext context)
    {
        switch (e)
        {
            case ScriptLimitExceededException or ExpressionEvaluationException:
                return null;
            case OperationCanceledException or ExecutionCanceledException when context.CancellationToken.IsCancellationRequested:
                return new OperationCanceledException("The script was cancelled.", e, context.CancellationToken);
            case TimeoutException or OperationCanceledException or ExecutionCanceledException:
                return new ScriptLimitExceededException("Timeout", $"The script ran longer than the {_options.Timeout.TotalMilliseconds:0} ms limit.", e);
            case MemoryLimitExceededException:
                return new ScriptLimitExceededException("Memory", $"The script allocated more than the {_options.MemoryLimitBytes} bytes limit.", e);
            case RecursionDepthOverflowException:
                return new ScriptLimitExceededException("Recursion", $"The script nested calls deeper than the {_options.RecursionLimit} limit.", e);
            case StatementsCountOverflowException:
                return new ScriptLimitExceededException("Statements", $"The script ran more than the {_options.MaxStatements} statements limit.", e);
            case InsufficientExecutionStackException:
                return new ScriptLimitExceededException("Recursion", "The script nested calls deeper than the stack allows.", e);
            case JavaScriptException js when js.Message.Contains("Maximum call stack size exceeded", StringComparison.Ordinal):
                return new ScriptLimitExceededException("Recursion", "The script nested calls deeper than the stack allows.", e);
            case JavaScriptException js:
                return new ExpressionEvaluationException(TypeName, source, DescribeJavaScriptError(js), e);
            case ValueConversionException or JintException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException:
                return new ExpressionEvaluationException(TypeName, source, e.Message, e);
            default:
                return null;
        }
    }

    private static string DescribeJavaScriptError(JavaScriptException e)
    {
        var location = e.Location.Start;
        // Line 1 carries the opening brace the script was wrapped in.
        var column = location.Line == 1 ? location.Column - 1 : location.Column;
        return location.Line > 0 ? $"{e.Message} (line {location.Line}, column {column + 1})" : e.Message;
    }

    private readonly record struct PlannedGlobal(string Name, Func<JintEngineHost, JsValue> Factory);

    /// <summary>
    /// The per-evaluation globals this script names: generated variable, input and output accessors and the
    /// evaluation arguments. Later entries win, as in Elsa: arguments over outputs over inputs over variables.
    /// </summary>
    private static IReadOnlyList<PlannedGlobal> PlanGlobals(PreparedJavaScript script, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        if (!script.NeedsGeneratedGlobals && options.Arguments.Count == 0)
        {
            return [];
        }

        var planned = new Dictionary<string, PlannedGlobal>(StringComparer.Ordinal);

        void Add(string name, Func<JintEngineHost, JsValue> factory)
        {
            // A helper of the same name wins (getCurrentValue reads the CurrentValue variable either way).
            if (script.References(name) && !JintEngineHost.HelperNames.Contains(name))
            {
                planned[name] = new PlannedGlobal(name, factory);
            }
        }

        foreach (var variable in context.Variables)
        {
            var identifier = ToIdentifierPart(variable.Name);
            if (identifier.Length == 0)
            {
                continue;
            }

            var variableName = variable.Name;
            if (!planned.ContainsKey("get" + identifier))
            {
                Add("get" + identifier, host => Function(host, "get" + identifier, _ => host.ReadVariable(variableName)));
                Add("set" + identifier, host => Function(host, "set" + identifier, args =>
                {
                    host.WriteVariable(variableName, args.At(0));
                    return JsValue.Undefined;
                }));
            }
        }

        foreach (var inputName in context.InputNames)
        {
            var identifier = ToIdentifierPart(inputName);
            if (identifier.Length > 0)
            {
                Add("get" + identifier, host => Function(host, "get" + identifier, _ => host.ToJs(host.Scope.Context.GetWorkflowInput(inputName))));
            }
        }

        foreach (var name in script.Globals)
        {
            if (!planned.ContainsKey(name) && !JintEngineHost.HelperNames.Contains(name) && TrySplitOutputAccessor(name, out _))
            {
                planned[name] = new PlannedGlobal(name, host => Function(host, name, _ => host.ToJs(ReadOutput(host.Scope.Context, name))));
            }
        }

        if (options.Arguments.Count > 0)
        {
            Add("args", host => host.ToJs(options.Arguments.ToDictionary(a => CamelCase(a.Key), a => a.Value is Delegate ? null : a.Value)));
        }

        foreach (var (key, value) in options.Arguments)
        {
            var argumentValue = value;
            Add(key, host => argumentValue is Delegate d ? JsValue.FromObject(host.Engine, d) : host.ToJs(argumentValue));

            var identifier = ToIdentifierPart(key);
            if (identifier.Length > 0 && argumentValue is not Delegate)
            {
                Add("get" + identifier, host => Function(host, "get" + identifier, _ => host.ToJs(argumentValue)));
            }
        }

        return [.. planned.Values];
    }

    private static ClrFunction Function(JintEngineHost host, string name, Func<JsValue[], JsValue> body) =>
        new(host.Engine, name, (_, args) => body(args));

    /// <summary>Elsa's <c>get{Output}From{Activity}</c>: tries each "From" split, first non-null output wins.</summary>
    private static object? ReadOutput(IExpressionContext context, string accessorName)
    {
        var body = accessorName[3..];
        var index = body.IndexOf("From", StringComparison.Ordinal);

        while (index > 0)
        {
            var outputName = body[..index];
            var activityName = body[(index + 4)..];

            if (activityName.Length > 0 && context.GetOutputFrom(activityName, outputName) is { } value)
            {
                return value;
            }

            index = body.IndexOf("From", index + 1, StringComparison.Ordinal);
        }

        return null;
    }

    private static bool TrySplitOutputAccessor(string name, out int fromIndex)
    {
        fromIndex = -1;
        if (name.Length < 9 || !name.StartsWith("get", StringComparison.Ordinal) || !char.IsUpper(name[3]))
        {
            return false;
        }

        fromIndex = name.IndexOf("From", 4, StringComparison.Ordinal);
        return fromIndex > 0 && fromIndex + 4 < name.Length;
    }

    /// <summary>
    /// A name as the tail of a generated accessor: words split on anything but letters and digits, each word
    /// capitalized (<c>order total</c> → <c>OrderTotal</c>, <c>counter</c> → <c>Counter</c>).
    /// </summary>
    internal static string ToIdentifierPart(string name)
    {
        if (IdentifierParts.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (IdentifierParts.Count > 10_000)
        {
            IdentifierParts.Clear();
        }

        return IdentifierParts[name] = BuildIdentifierPart(name);
    }

    private static readonly ConcurrentDictionary<string, string> IdentifierParts = new(StringComparer.Ordinal);

    private static string BuildIdentifierPart(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upperNext = true;

        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_' || c == '$')
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        return builder.ToString();
    }

    private static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
