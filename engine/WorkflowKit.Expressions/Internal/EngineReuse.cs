using System.Runtime.CompilerServices;
using Acornima.Ast;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Decides whether a script may run on a pooled engine. A pooled engine's global bindings are restored after
/// each run (Jint's global snapshot), but changes to built-in objects such as <c>Array.prototype</c> would
/// survive into the next script, so only scripts that cannot reach or change built-ins are pooled.
/// </summary>
/// <remarks>
/// A script is rejected when it assigns to, updates or deletes a member (<c>o.x = 1</c>, <c>o.x++</c>),
/// uses <c>with</c>, indexes with a computed key that is not a literal (<c>o[k]</c>), or names anything that
/// leads to prototypes or changes objects without assignment: <c>prototype</c>, <c>constructor</c>,
/// <c>__proto__</c>, <c>Object.defineProperty</c>/<c>assign</c>/<c>freeze</c>/<c>getPrototypeOf</c>/
/// <c>getOwnPropertyDescriptor</c> and relatives, <c>call</c>/<c>apply</c>/<c>bind</c>, <c>globalThis</c>,
/// <c>Reflect</c>, <c>Proxy</c>, <c>Symbol</c>. Rejected scripts still run, on a fresh engine. Typical
/// conditions and formulas (<c>form.total &gt; 1000 &amp;&amp; lines.some(l =&gt; l.amount &gt; 900)</c>) pass.
/// <para>One kind of member assignment passes: a write to a field of a scope object, as in
/// <c>vars.approved = true</c> or <c>form.total = 1</c>. The host binds a new object to each scope name on
/// every run, so the write cannot reach a built-in, provided the script never binds that name to anything
/// else. So the name may appear only as the object or the property name of a member access, never
/// declared, assigned, passed or returned. A deeper write (<c>form.address.city = 1</c>) is rejected,
/// because the script could have stored a built-in in <c>form.address</c> first.</para>
/// </remarks>
internal static class EngineReuse
{
    private static readonly HashSet<string> UnsafeNames = new(StringComparer.Ordinal)
    {
        "prototype", "constructor", "__proto__", "defineProperty", "defineProperties", "assign", "setPrototypeOf",
        "getPrototypeOf", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors", "freeze", "seal",
        "preventExtensions", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        "call", "apply", "bind", "globalThis", "Reflect", "Proxy", "Symbol", "eval", "Function",
    };

    public static bool CanPool(Node program)
    {
        try
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            return IsSafe(program, written) && written.All(name => OnlyInMemberAccess(program, null, name));
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks <paramref name="node"/> and its children, and adds to <paramref name="written"/> the scope
    /// names whose fields an assignment writes, which the caller checks with <see cref="OnlyInMemberAccess"/>.
    /// </summary>
    private static bool IsSafe(Node node, HashSet<string> written)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node is AssignmentExpression { Left: MemberExpression { Computed: false, Object: Identifier root } }
            && ScriptScope.ObjectNames.Contains(root.Name))
        {
            written.Add(root.Name);
            return ChildrenAreSafe(node, written);
        }

        var safe = node switch
        {
            Identifier identifier => !UnsafeNames.Contains(identifier.Name),
            StringLiteral literal => !UnsafeNames.Contains(literal.Value),
            AssignmentExpression assignment => assignment.Left is Identifier || !ContainsMember(assignment.Left),
            UpdateExpression update => update.Argument is Identifier,
            UnaryExpression { Operator: Acornima.Operator.Delete } => false,
            WithStatement => false,
            ForInStatement forIn => forIn.Left is not MemberExpression,
            ForOfStatement forOf => forOf.Left is not MemberExpression,
            MemberExpression { Computed: true } member => member.Property is Literal,
            Property { Computed: true } property => property.Key is Literal,
            ClassProperty { Computed: true } classProperty => classProperty.Key is Literal,
            _ => true,
        };
        return safe && ChildrenAreSafe(node, written);
    }

    private static bool ChildrenAreSafe(Node node, HashSet<string> written)
    {
        foreach (var child in node.ChildNodes)
        {
            if (!IsSafe(child, written))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether every identifier called <paramref name="name"/> under <paramref name="node"/> is the object
    /// or the property name of a non-computed member access, so that the script never rebinds the name.
    /// </summary>
    private static bool OnlyInMemberAccess(Node node, Node? parent, string name)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node is Identifier identifier && identifier.Name == name && !IsMemberPart(node, parent))
        {
            return false;
        }

        foreach (var child in node.ChildNodes)
        {
            if (!OnlyInMemberAccess(child, node, name))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMemberPart(Node node, Node? parent) =>
        parent is MemberExpression member
        && (ReferenceEquals(member.Object, node) || (!member.Computed && ReferenceEquals(member.Property, node)));

    private static bool ContainsMember(Node node)
    {
        if (node is MemberExpression)
        {
            return true;
        }

        foreach (var child in node.ChildNodes)
        {
            if (ContainsMember(child))
            {
                return true;
            }
        }

        return false;
    }
}
