namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// JavaScript run in every engine before the caller's script. It installs the frozen <c>__wk</c> arithmetic
/// helpers used by <see cref="DecimalRewriter"/>, the global <c>round(x, digits)</c>, size checks on
/// <c>String.prototype.repeat/padStart/padEnd</c>, and returns a serializer captured before user code runs.
/// </summary>
/// <remarks>
/// The function receives <c>d(op, a, b)</c>, a host function doing decimal arithmetic (op 0 add, 1 subtract,
/// 2 multiply, 3 divide, 4 remainder, 5 power, 6 round, 99 report a string too large for the memory limit),
/// and the largest string length the memory limit allows.
/// </remarks>
internal static class ScriptPrelude
{
    public const string Source = """
        (function (d, maxChars) {
          const num = (v) => typeof v === 'number';
          const wk = {
            add: (a, b) => (num(a) && num(b) ? d(0, a, b) : a + b),
            sub: (a, b) => (num(a) && num(b) ? d(1, a, b) : a - b),
            mul: (a, b) => (num(a) && num(b) ? d(2, a, b) : a * b),
            div: (a, b) => (num(a) && num(b) ? d(3, a, b) : a / b),
            mod: (a, b) => (num(a) && num(b) ? d(4, a, b) : a % b),
            pow: (a, b) => (num(a) && num(b) ? d(5, a, b) : a ** b),
            inc: (v, n) => {
              const x = typeof v === 'bigint' ? v : +v;
              return num(x) ? d(0, x, n) : x + BigInt(n);
            },
            post: (old) => (typeof old === 'bigint' ? old : +old),
            upd: (o, k, n, prefix) => {
              const old = o[k];
              const next = wk.inc(old, n);
              o[k] = next;
              return prefix ? next : wk.post(old);
            },
            cset: (o, k, op, v) => (o[k] = wk[op](o[k], v)),
          };
          Object.freeze(wk);
          Object.defineProperty(globalThis, '__wk', { value: wk, writable: false, configurable: false });
          Object.defineProperty(globalThis, 'round', {
            value: function round(x, digits) { return d(6, +x, digits === undefined ? 0 : +digits); },
            writable: true, configurable: true,
          });

          const apply = Reflect.apply;
          const trunc = Math.trunc;
          const toStr = String;
          const guard = (size) => { if (size > maxChars) { d(99, size, maxChars); } };
          const guarded = (name, size) => {
            const original = String.prototype[name];
            Object.defineProperty(String.prototype, name, {
              value: function (...args) {
                const s = toStr(this);
                guard(size(s, args));
                return apply(original, s, args);
              },
              writable: true, configurable: true,
            });
          };
          guarded('repeat', (s, args) => s.length * (trunc(+args[0]) || 0));
          guarded('padStart', (s, args) => trunc(+args[0]) || 0);
          guarded('padEnd', (s, args) => trunc(+args[0]) || 0);

          const stringify = JSON.stringify;
          return (v) => stringify(v);
        })
        """;
}
