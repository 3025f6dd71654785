using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Installs the host functions every script engine gets: the frozen <c>__wk</c> object that
/// <see cref="DecimalRewriter"/> calls, the global <c>round(x, digits)</c>, and size checks on
/// <c>String.prototype.repeat/padStart/padEnd</c> that stop a string larger than the memory limit before it
/// is built. Built in C# because running the same setup as JavaScript cost far more than the scripts it serves.
/// </summary>
internal sealed class ScriptHelpers
{
    private static readonly Prepared<Script> Fallbacks = Engine.PrepareScript(ScriptPrelude.Source);

    private readonly Engine _engine;
    private readonly JsValue[] _fallback;
    private readonly double _maxChars;

    private ScriptHelpers(Engine engine, JsValue[] fallback, double maxChars)
    {
        _engine = engine;
        _fallback = fallback;
        _maxChars = maxChars;
    }

    private enum Op
    {
        Add,
        Subtract,
        Multiply,
        Divide,
        Remainder,
        Power,
        BigIntAdd,
        Get,
        Set,
    }

    /// <summary>Installs the helpers and returns <c>JSON.stringify</c> as it was before user code could replace it.</summary>
    public static JsValue Install(Engine engine, long memoryLimitBytes)
    {
        var list = (ObjectInstance)engine.Evaluate(Fallbacks);
        var fallback = new JsValue[9];
        for (var i = 0; i < fallback.Length; i++)
        {
            fallback[i] = list.Get(i);
        }

        var helpers = new ScriptHelpers(engine, fallback, memoryLimitBytes / (double)sizeof(char));
        var wk = new JsObject(engine);
        helpers.Define(wk, "add", 2, (_, a) => helpers.Arithmetic(Op.Add, a));
        helpers.Define(wk, "sub", 2, (_, a) => helpers.Arithmetic(Op.Subtract, a));
        helpers.Define(wk, "mul", 2, (_, a) => helpers.Arithmetic(Op.Multiply, a));
        helpers.Define(wk, "div", 2, (_, a) => helpers.Arithmetic(Op.Divide, a));
        helpers.Define(wk, "mod", 2, (_, a) => helpers.Arithmetic(Op.Remainder, a));
        helpers.Define(wk, "pow", 2, (_, a) => helpers.Arithmetic(Op.Power, a));
        helpers.Define(wk, "inc", 2, (_, a) => helpers.Increment(Arg(a, 0), Arg(a, 1)));
        helpers.Define(wk, "post", 1, (_, a) => TypeConverter.ToNumeric(Arg(a, 0)));
        helpers.Define(wk, "upd", 4, (_, a) => helpers.Update(a));
        helpers.Define(wk, "cset", 4, (_, a) => helpers.CompoundSet(a));
        wk.PreventExtensions();
        engine.Global.FastSetProperty(DecimalRewriter.HelperName, new PropertyDescriptor(wk, PropertyFlag.AllForbidden));

        engine.SetValue("round", new ClrFunction(engine, "round", static (_, a) => Round(a), 2));
        helpers.GuardString("repeat", static (text, a) => text.Length * Truncate(a, 0));
        helpers.GuardString("padStart", static (_, a) => Truncate(a, 0));
        helpers.GuardString("padEnd", static (_, a) => Truncate(a, 0));

        return ((ObjectInstance)engine.Global.Get("JSON")).Get("stringify");
    }

    private void Define(JsObject target, string name, int length, Func<JsValue, JsValue[], JsValue> body)
    {
        target.FastSetProperty(
            name, new PropertyDescriptor(new ClrFunction(_engine, name, body, length), PropertyFlag.AllForbidden));
    }

    private JsValue Arithmetic(Op op, JsValue[] arguments)
    {
        var left = Arg(arguments, 0);
        var right = Arg(arguments, 1);
        if (!left.IsNumber() || !right.IsNumber())
        {
            return _engine.Call(_fallback[(int)op], JsValue.Undefined, [left, right]);
        }

        var a = left.AsNumber();
        var b = right.AsNumber();
        return op switch
        {
            Op.Add => DecimalMath.Add(a, b),
            Op.Subtract => DecimalMath.Subtract(a, b),
            Op.Multiply => DecimalMath.Multiply(a, b),
            Op.Divide => DecimalMath.Divide(a, b),
            Op.Remainder => DecimalMath.Remainder(a, b),
            _ => DecimalMath.Power(a, b),
        };
    }

    /// <summary>Adds ±1 the way <c>++</c>/<c>--</c> do: ToNumeric first, BigInt stays BigInt.</summary>
    private JsValue Increment(JsValue value, JsValue delta)
    {
        var numeric = TypeConverter.ToNumeric(value);
        if (numeric.IsNumber())
        {
            return DecimalMath.Add(numeric.AsNumber(), delta.AsNumber());
        }

        return _engine.Call(_fallback[(int)Op.BigIntAdd], JsValue.Undefined, [numeric, delta]);
    }

    /// <summary><c>upd(o, k, delta, prefix)</c>: <c>o[k]++</c> and relatives on a member.</summary>
    private JsValue Update(JsValue[] arguments)
    {
        var target = Arg(arguments, 0);
        var key = Arg(arguments, 1);
        var old = _engine.Call(_fallback[(int)Op.Get], JsValue.Undefined, [target, key]);
        var next = Increment(old, Arg(arguments, 2));
        _engine.Call(_fallback[(int)Op.Set], JsValue.Undefined, [target, key, next]);
        return TypeConverter.ToBoolean(Arg(arguments, 3)) ? next : TypeConverter.ToNumeric(old);
    }

    /// <summary><c>cset(o, k, op, v)</c>: <c>o[k] op= v</c> with <c>op</c> the helper name ("add", "mul", ...).</summary>
    private JsValue CompoundSet(JsValue[] arguments)
    {
        var target = Arg(arguments, 0);
        var key = Arg(arguments, 1);
        var op = TypeConverter.ToString(Arg(arguments, 2)) switch
        {
            "add" => Op.Add,
            "sub" => Op.Subtract,
            "mul" => Op.Multiply,
            "div" => Op.Divide,
            "mod" => Op.Remainder,
            _ => Op.Power,
        };
        var current = _engine.Call(_fallback[(int)Op.Get], JsValue.Undefined, [target, key]);
        var result = Arithmetic(op, [current, Arg(arguments, 3)]);
        _engine.Call(_fallback[(int)Op.Set], JsValue.Undefined, [target, key, result]);
        return result;
    }

    private void GuardString(string name, Func<string, JsValue[], double> size)
    {
        var prototype = (ObjectInstance)((ObjectInstance)_engine.Global.Get("String")).Get("prototype");
        var original = prototype.Get(name);
        var guarded = new ClrFunction(_engine, name, (thisObject, arguments) =>
        {
            if (!thisObject.IsNull() && !thisObject.IsUndefined())
            {
                var requested = size(TypeConverter.ToString(thisObject), arguments);
                if (requested > _maxChars)
                {
                    throw new StringTooLargeException(
                        $"String.prototype.{name} would build {requested:0} characters; the limit allows {_maxChars:0}.");
                }
            }

            return _engine.Call(original, thisObject, arguments);
        }, 1);
        prototype.FastSetProperty(name, new PropertyDescriptor(guarded, PropertyFlag.NonEnumerable));
    }

    private static JsValue Round(JsValue[] arguments)
    {
        var value = TypeConverter.ToNumber(Arg(arguments, 0));
        var digits = arguments.Length > 1 && !Arg(arguments, 1).IsUndefined()
            ? TypeConverter.ToNumber(arguments[1])
            : 0;
        return DecimalMath.Round(value, digits);
    }

    private static double Truncate(JsValue[] arguments, int index)
    {
        var number = TypeConverter.ToNumber(Arg(arguments, index));
        return double.IsNaN(number) ? 0 : Math.Truncate(number);
    }

    private static JsValue Arg(JsValue[] arguments, int index) =>
        index < arguments.Length ? arguments[index] : JsValue.Undefined;
}
