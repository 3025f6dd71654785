using System.Runtime.CompilerServices;
using Acornima;
using Acornima.Ast;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>Finds the form fields a JavaScript formula or condition reads, for dependency tracking.</summary>
public static class JavaScriptDependencies
{
    /// <summary>Returned in the set when the script reads <c>form[expression]</c>: it may read any field.</summary>
    public const string AnyField = "*";

    private static readonly HashSet<string> KnownGlobals = new(StringComparer.Ordinal)
    {
        "form", "vars", "params", "initiator", "row", "nodes", "user", "now", "timeZone", "round", DecimalRewriter.HelperName,
        "Math", "JSON", "Date", "Number", "String", "Boolean", "Array", "Object", "RegExp", "Symbol", "BigInt",
        "Map", "Set", "WeakMap", "WeakSet", "Promise", "Reflect", "Proxy", "Intl", "globalThis", "console",
        "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError",
        "parseInt", "parseFloat", "isNaN", "isFinite", "undefined", "NaN", "Infinity", "arguments",
        "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI",
    };

    /// <summary>
    /// Returns the field ids the script reads: <c>form.total</c>, <c>form["total"]</c> and a bare <c>total</c>
    /// give "total"; <c>form.lines[0].amount</c> gives "lines"; <c>row.qty</c> gives "row.qty". Names the script
    /// declares itself (variables, parameters, functions) and JavaScript built-ins are left out, wherever they are
    /// declared, so a field sharing a name with a local variable is missed. <see cref="AnyField"/> means the
    /// script indexes <c>form</c> with a computed key.
    /// </summary>
    /// <exception cref="ScriptException">The script has a syntax error (kind <see cref="ScriptErrorKind.Syntax"/>).</exception>
    public static IReadOnlySet<string> Find(string javaScript)
    {
        ArgumentNullException.ThrowIfNull(javaScript);
        Script program;
        try
        {
            program = new Parser(DecimalRewriter.ParserOptions).ParseScript(javaScript);
        }
        catch (ParseErrorException exception)
        {
            throw ScriptErrors.Syntax(javaScript, exception.Description, exception.LineNumber, exception.Column + 1);
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        CollectDeclarations(program, declared);
        var found = new HashSet<string>(StringComparer.Ordinal);
        CollectReferences(program, found);
        found.RemoveWhere(name => !name.Contains('.', StringComparison.Ordinal) && name != AnyField
            && (declared.Contains(name) || KnownGlobals.Contains(name)));
        return found;
    }

    private static void CollectReferences(Node node, HashSet<string> found)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case Identifier identifier:
                found.Add(identifier.Name);
                return;
            case MemberExpression member when member.Object is Identifier { Name: "form" or "row" } root:
                var prefix = root.Name == "row" ? "row." : string.Empty;
                var name = member.Property switch
                {
                    Identifier property when !member.Computed => property.Name,
                    StringLiteral literal => literal.Value,
                    _ => null,
                };
                if (name is null)
                {
                    found.Add(root.Name == "row" ? "row.*" : AnyField);
                    CollectReferences(member.Property, found);
                }
                else
                {
                    found.Add(prefix + name);
                }

                return;
            case MemberExpression member:
                CollectReferences(member.Object, found);
                if (member.Computed)
                {
                    CollectReferences(member.Property, found);
                }

                return;
            case Property property:
                if (property.Computed)
                {
                    CollectReferences(property.Key, found);
                }

                CollectReferences(property.Value, found);
                return;
            case ClassProperty classProperty:
                if (classProperty.Computed)
                {
                    CollectReferences(classProperty.Key, found);
                }

                if (classProperty.Value is not null)
                {
                    CollectReferences(classProperty.Value, found);
                }

                return;
            case LabeledStatement labeled:
                CollectReferences(labeled.Body, found);
                return;
            case BreakStatement or ContinueStatement or MetaProperty:
                return;
            default:
                foreach (var child in node.ChildNodes)
                {
                    CollectReferences(child, found);
                }

                return;
        }
    }

    private static void CollectDeclarations(Node node, HashSet<string> declared)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case VariableDeclarator declarator:
                CollectBindings(declarator.Id, declared);
                break;
            case IFunction function:
                if (function.Id is not null)
                {
                    declared.Add(function.Id.Name);
                }

                foreach (var parameter in function.Params)
                {
                    CollectBindings(parameter, declared);
                }

                break;
            case ClassDeclaration { Id: not null } classDeclaration:
                declared.Add(classDeclaration.Id.Name);
                break;
            case ClassExpression { Id: not null } classExpression:
                declared.Add(classExpression.Id.Name);
                break;
            case CatchClause { Param: not null } catchClause:
                CollectBindings(catchClause.Param, declared);
                break;
            default:
                break;
        }

        foreach (var child in node.ChildNodes)
        {
            CollectDeclarations(child, declared);
        }
    }

    private static void CollectBindings(Node? pattern, HashSet<string> declared)
    {
        switch (pattern)
        {
            case Identifier identifier:
                declared.Add(identifier.Name);
                break;
            case ObjectPattern objectPattern:
                foreach (var property in objectPattern.Properties)
                {
                    CollectBindings(property is Property p ? p.Value : property, declared);
                }

                break;
            case ArrayPattern arrayPattern:
                foreach (var element in arrayPattern.Elements)
                {
                    CollectBindings(element, declared);
                }

                break;
            case AssignmentPattern assignment:
                CollectBindings(assignment.Left, declared);
                break;
            case RestElement rest:
                CollectBindings(rest.Argument, declared);
                break;
            default:
                break;
        }
    }
}
