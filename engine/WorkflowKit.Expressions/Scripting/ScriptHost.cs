using System.Globalization;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>
/// The one JavaScript host of WorkflowKit: evaluates conditions, expressions and statement scripts in a
/// sandbox bounded by <see cref="ScriptLimits"/>, with arithmetic on numbers done in decimal.
/// </summary>
/// <remarks>
/// <para>Create one per application; it is thread-safe. Scripts cannot see each other's state: a script that
/// cannot reach built-in objects (most conditions and formulas, see <c>EngineReuse</c>) runs on a pooled engine
/// whose globals are restored afterwards, any other script on a fresh engine, and an engine whose script
/// failed is discarded. A script that hits a limit leaves the host working.</para>
/// <para>Sandbox: no CLR access (<c>importNamespace</c>, <c>System</c> and <c>clr</c> are undefined), no
/// <c>eval</c> or <c>new Function</c>, no I/O, no timers. <c>new Date()</c> and <c>Date.now()</c> read
/// <see cref="ScriptScope.Now"/>.</para>
/// <para>Money: <c>+ - * / % **</c>, compound assignments and <c>++</c>/<c>--</c> on numbers are computed in
/// <see cref="decimal"/> from each operand's shortest round-trip text, and the result is the nearest double.
/// Results with at most 15 significant digits are therefore exact (<c>0.1 + 0.2 === 0.3</c> is true,
/// <c>19.99 * 3 * 0.13</c> is 7.7961). Quotients are rounded to 28 significant digits, and a chain of
/// operations carries only the digits a double holds between steps, so round money results with
/// <c>round(x, 2)</c> (halves away from zero). Strings, BigInt and Dates keep JavaScript semantics.</para>
/// <para>Numbers returned to .NET are JSON numbers written from the double's shortest round-trip text, so
/// <c>GetValue&lt;decimal&gt;()</c> on them gives the exact decimal.</para>
/// </remarks>
public sealed class ScriptHost
{
    private static readonly HashSet<string> ScopeNames = new(StringComparer.Ordinal)
    {
        "form", "vars", "params", "initiator", "row", "record", "records", "nodes", "user", "now", "timeZone", "round",
        DecimalRewriter.HelperName,
    };

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BoundedCache<PreparedEntry> _cache;
    private readonly EnginePool _pool;
    private long _prepareCount;
    private long _pathReads;

    public ScriptHost(ScriptLimits? limits = null, TimeProvider? timeProvider = null, ILogger<ScriptHost>? logger = null)
    {
        Limits = limits ?? ScriptLimits.Default;
        Limits.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ScriptHost>.Instance;
        _cache = new BoundedCache<PreparedEntry>(Limits.MaxCachedScripts);
        _pool = new EnginePool(Limits);
    }

    /// <summary>The limits every evaluation of this host runs under.</summary>
    public ScriptLimits Limits { get; }

    /// <summary>How many times a script text was parsed and prepared (cache misses).</summary>
    internal long PrepareCount => Interlocked.Read(ref _prepareCount);

    /// <summary>How many pooled engines were built; a count that stays put shows engines being reused.</summary>
    internal long PooledEnginesCreated => _pool.Created;

    /// <summary>How many evaluations read a scope property path without an engine.</summary>
    internal long PathReads => Interlocked.Read(ref _pathReads);

    /// <summary>How many prepared scripts the cache holds.</summary>
    internal int CachedScriptCount => _cache.Count;

    /// <summary>
    /// Evaluates an expression (or a script whose last expression statement gives the value) and returns its
    /// value as JSON: null for null or undefined, numbers readable as decimal, Dates as ISO 8601 text.
    /// </summary>
    /// <exception cref="ScriptException">The script has a syntax error, threw, hit a limit or was cancelled.</exception>
    public JsonNode? Evaluate(string expression, ScriptScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);

        // A plain property read such as form.customer needs no engine; the record nodes run many of them.
        if (_cache.GetOrAdd(expression, Prepare).Path is { } path
            && !cancellationToken.IsCancellationRequested
            && path.TryRead(scope, out var value))
        {
            Interlocked.Increment(ref _pathReads);
            return value;
        }

        return Run(expression, scope, cancellationToken, static (run, completion) => run.ToJson(completion));
    }

    /// <summary>Evaluates an expression and converts its value with JavaScript truthiness.</summary>
    /// <exception cref="ScriptException">The script has a syntax error, threw, hit a limit or was cancelled.</exception>
    public bool EvaluateBoolean(string expression, ScriptScope scope, CancellationToken cancellationToken = default)
    {
        return Run(expression, scope, cancellationToken, static (_, completion) => TypeConverter.ToBoolean(completion));
    }

    /// <summary>
    /// Runs a statement script in which <c>form</c> and <c>vars</c> are writable, and returns them as they are
    /// afterwards. Assigning a bare field name (<c>total = 1</c>) does not change the form: write
    /// <c>form.total = 1</c>.
    /// </summary>
    /// <exception cref="ScriptException">The script has a syntax error, threw, hit a limit or was cancelled.</exception>
    public ScriptResult Execute(string script, ScriptScope scope, CancellationToken cancellationToken = default)
    {
        return Run(script, scope, cancellationToken, static (run, completion) => new ScriptResult(
            run.ReadObject("form"), run.ReadObject("vars"), run.ToJson(completion)));
    }

    private T Run<T>(string source, ScriptScope scope, CancellationToken cancellationToken, Func<EngineRun, JsValue, T> finish)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scope);

        var entry = _cache.GetOrAdd(source, Prepare);
        if (entry.Error is not null)
        {
            ScriptHostLog.ScriptFailed(_logger, ScriptErrorKind.Syntax, source.Length);
            throw ScriptErrors.Syntax(source, entry.Error, entry.Line, entry.Column);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            throw ScriptErrors.Cancelled(source);
        }

        var now = scope.Now ?? _timeProvider.GetUtcNow();
        var script = entry.Poolable
            ? _pool.Rent(now, scope.TimeZone, cancellationToken)
            : ScriptEngine.Create(Limits, now, scope.TimeZone, cancellationToken, poolable: false);
        var succeeded = false;
        try
        {
            Bind(script.Engine, scope, now);
            var completion = script.Engine.Evaluate(entry.Program);
            var result = finish(new EngineRun(script.Engine, script.Serializer, source), completion);
            succeeded = true;
            return result;
        }
        catch (Exception exception)
        {
            var translated = ScriptErrors.Translate(exception, source, Limits, cancellationToken);
            Report(translated, source.Length);
            throw translated;
        }
        finally
        {
            if (entry.Poolable)
            {
                _pool.Return(script, succeeded);
            }
            else
            {
                script.Dispose();
            }
        }
    }

    private PreparedEntry Prepare(string source)
    {
        Interlocked.Increment(ref _prepareCount);
        Script program;
        string rewritten;
        try
        {
            program = new Parser(DecimalRewriter.ParserOptions).ParseScript(source);
            rewritten = DecimalRewriter.Rewrite(source, program);
        }
        catch (ParseErrorException exception)
        {
            return PreparedEntry.Failed(exception.Description, exception.LineNumber, exception.Column + 1);
        }
        catch (InsufficientExecutionStackException)
        {
            return PreparedEntry.Failed("the script nests expressions too deeply to be parsed", null, null);
        }

        var prepared = Engine.PrepareScript(rewritten);
        ScriptHostLog.ScriptPrepared(_logger, source.Length, _cache.Count + 1);
        return PreparedEntry.Ok(prepared, EngineReuse.CanPool(program), ScopePath.Of(program));
    }

    private static void Bind(Engine engine, ScriptScope scope, DateTimeOffset now)
    {
        var form = JsonToJs.Convert(engine, scope.Form);
        engine.SetValue("form", form);
        engine.SetValue("vars", JsonToJs.Convert(engine, scope.Vars));
        engine.SetValue("params", ParameterObject.Create(engine, scope.Params));
        engine.SetValue("initiator", JsonToJs.Convert(engine, scope.Initiator));
        engine.SetValue("row", JsonToJs.Convert(engine, scope.Row));
        engine.SetValue("record", JsonToJs.Convert(engine, scope.Record));
        engine.SetValue("records", RecordQueries.Create(engine, scope.QueryRecords));
        engine.SetValue("nodes", JsonToJs.Convert(engine, scope.Nodes));
        engine.SetValue("user", JsonToJs.Convert(engine, scope.User));
        engine.SetValue("now", new JsDate(engine, now));
        engine.SetValue("timeZone", scope.TimeZone.Id);

        var global = engine.Global;
        var formObject = (ObjectInstance)form;
        foreach (var (key, _) in scope.Form)
        {
            if (IsIdentifier(key) && !ScopeNames.Contains(key) && !global.HasProperty(key))
            {
                engine.SetValue(key, formObject.Get(key));
            }
        }
    }

    private static bool IsIdentifier(string key)
    {
        if (key.Length == 0 || !(char.IsLetter(key[0]) || key[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    private void Report(ScriptException exception, int length)
    {
        var limit = exception.Kind switch
        {
            ScriptErrorKind.Timeout => Limits.TimeLimit.ToString(),
            ScriptErrorKind.StatementLimit => Limits.MaxStatements.ToString(CultureInfo.InvariantCulture),
            ScriptErrorKind.MemoryLimit => Limits.MemoryLimitBytes.ToString(CultureInfo.InvariantCulture),
            ScriptErrorKind.RecursionLimit => Limits.MaxRecursionDepth.ToString(CultureInfo.InvariantCulture),
            ScriptErrorKind.RegexTimeout => Limits.RegexTimeout.ToString(),
            _ => null,
        };
        if (limit is null)
        {
            ScriptHostLog.ScriptFailed(_logger, exception.Kind, length);
        }
        else
        {
            ScriptHostLog.ScriptLimitHit(_logger, exception.Kind, limit, length);
        }
    }

    /// <summary>One running engine and the serializer the prelude captured before user code ran.</summary>
    private readonly struct EngineRun(Engine engine, JsValue serializer, string source)
    {
        /// <summary>Converts a script value to JSON inside the engine, so the script's limits still apply.</summary>
        public JsonNode? ToJson(JsValue value)
        {
            var text = engine.Call(serializer, JsValue.Undefined, [value]);
            return text.IsString() ? JsonNode.Parse(text.AsString()) : null;
        }

        public JsonObject ReadObject(string name)
        {
            var value = engine.GetValue(name);
            if (value is not ObjectInstance || value.IsArray() || ToJson(value) is not JsonObject result)
            {
                throw new ScriptException(
                    ScriptErrorKind.Runtime, source,
                    $"The script replaced '{name}' with {TypeName(value)}; '{name}' must stay an object. "
                    + $"Change its fields (for example {name}.total = 1) instead of assigning {name} itself.");
            }

            return result;
        }

        private static string TypeName(JsValue value) =>
            value.IsNull() ? "null" : value.Type.ToString().ToLowerInvariant();
    }
}
