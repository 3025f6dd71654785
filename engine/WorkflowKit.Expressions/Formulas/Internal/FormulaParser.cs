using System.Globalization;
using System.Runtime.CompilerServices;

namespace WorkflowKit.Expressions.Formulas.Internal;

/// <summary>
/// Recursive-descent parser of the formula syntax. Precedence from loosest to tightest: comparison
/// (= == &lt;&gt; != &lt; &lt;= &gt; &gt;=), concatenation (&amp;), + -, * / %, unary - +.
/// Function names and TRUE/FALSE are case-insensitive; field ids are case-sensitive.
/// </summary>
internal sealed class FormulaParser
{
    private static readonly string[] TwoCharOperators = ["<=", ">=", "<>", "!=", "=="];

    private readonly string _text;
    private readonly HashSet<string> _dependencies = new(StringComparer.Ordinal);
    private int _position;
    private Token _current;

    private FormulaParser(string text)
    {
        _text = text;
        _current = Scan();
    }

    private enum TokenKind
    {
        Number,
        Text,
        Identifier,
        Operator,
        LeftParen,
        RightParen,
        Comma,
        End,
    }

    /// <exception cref="FormulaSyntaxException">The text is not a valid formula.</exception>
    public static ParsedFormula Parse(string text)
    {
        var parser = new FormulaParser(text);
        if (parser._current.Kind == TokenKind.End)
        {
            throw parser.Error("The formula is empty; expected a value such as a number, a field id or SUM(...)");
        }

        FormulaNode root;
        try
        {
            root = parser.ParseComparison();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new FormulaSyntaxException(
                "The formula nests parentheses or operators too deeply to be parsed; simplify it.", text, 1, string.Empty);
        }

        if (parser._current.Kind != TokenKind.End)
        {
            throw parser.Error(
                $"Unexpected {Describe(parser._current)} at column {parser._current.Column}; expected an operator, "
                + "a ',' inside a function call, or the end of the formula");
        }

        return new ParsedFormula(text, root, parser._dependencies);
    }

    private FormulaNode ParseComparison()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var left = ParseConcatenation();
        while (_current.Kind == TokenKind.Operator && _current.Text is "=" or "==" or "<>" or "!=" or "<" or "<="
                   or ">" or ">=")
        {
            left = ParseBinaryRest(left, ParseConcatenation);
        }

        return left;
    }

    private FormulaNode ParseConcatenation()
    {
        var left = ParseAdditive();
        while (_current.Kind == TokenKind.Operator && _current.Text == "&")
        {
            left = ParseBinaryRest(left, ParseAdditive);
        }

        return left;
    }

    private FormulaNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_current.Kind == TokenKind.Operator && _current.Text is "+" or "-")
        {
            left = ParseBinaryRest(left, ParseMultiplicative);
        }

        return left;
    }

    private FormulaNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_current.Kind == TokenKind.Operator && _current.Text is "*" or "/" or "%")
        {
            left = ParseBinaryRest(left, ParseUnary);
        }

        return left;
    }

    private FormulaNode ParseBinaryRest(FormulaNode left, Func<FormulaNode> parseRight)
    {
        var op = _current;
        Advance();
        var right = parseRight();
        return new FormulaNode
        {
            Kind = FormulaNodeKind.Binary, Column = op.Column, Text = op.Text, Arguments = [left, right],
        };
    }

    private FormulaNode ParseUnary()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (_current.Kind == TokenKind.Operator && _current.Text is "-" or "+")
        {
            var op = _current;
            Advance();
            var operand = ParseUnary();
            return new FormulaNode
            {
                Kind = FormulaNodeKind.Unary, Column = op.Column, Text = op.Text, Arguments = [operand],
            };
        }

        return ParsePrimary();
    }

    private FormulaNode ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new FormulaNode
                {
                    Kind = FormulaNodeKind.Number,
                    Column = token.Column,
                    Number = decimal.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                };
            case TokenKind.Text:
                Advance();
                return new FormulaNode { Kind = FormulaNodeKind.Text, Column = token.Column, Text = token.Value! };
            case TokenKind.Identifier:
                Advance();
                if (_current.Kind == TokenKind.LeftParen)
                {
                    return ParseCall(token);
                }

                if (token.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase)
                    || token.Text.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
                {
                    return new FormulaNode
                    {
                        Kind = FormulaNodeKind.Boolean,
                        Column = token.Column,
                        Boolean = token.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase),
                    };
                }

                return Field(token);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseComparison();
                Expect(TokenKind.RightParen, $"')' to close the '(' at column {token.Column}");
                return inner;
            default:
                throw Error(
                    $"Unexpected {Describe(token)} at column {token.Column}; expected a value: a number, text in "
                    + "quotes, a field id, a function call such as SUM(...), or '('");
        }
    }

    private FormulaNode ParseCall(Token name)
    {
        var function = name.Text.ToUpperInvariant();
        if (!FormulaFunctions.Arity.TryGetValue(function, out var arity))
        {
            throw new FormulaSyntaxException(
                $"Unknown function '{name.Text}' at column {name.Column}; expected one of {FormulaFunctions.Names}",
                _text, name.Column, name.Text);
        }

        var open = _current;
        Advance();
        var arguments = new List<FormulaNode>();
        if (_current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseComparison());
            while (_current.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseComparison());
            }
        }

        Expect(TokenKind.RightParen, $"')' to close the '(' of {function} at column {open.Column}");
        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            var expected = arity.Min == arity.Max ? $"{arity.Min}"
                : arity.Max == int.MaxValue ? $"at least {arity.Min}" : $"{arity.Min} to {arity.Max}";
            throw new FormulaSyntaxException(
                $"Function {function} at column {name.Column} takes {expected} argument(s); got {arguments.Count}",
                _text, name.Column, name.Text);
        }

        return new FormulaNode
        {
            Kind = FormulaNodeKind.Call, Column = name.Column, Text = function, Arguments = [.. arguments],
        };
    }

    private FormulaNode Field(Token token)
    {
        var path = token.Text.Split('.');
        if (path.Length > 1 && path[0] == "form")
        {
            path = path[1..];
        }

        _dependencies.Add(path[0] == "row" && path.Length > 1 ? "row." + path[1] : path[0]);
        return new FormulaNode { Kind = FormulaNodeKind.Field, Column = token.Column, Text = token.Text, Path = path };
    }

    private void Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            throw Error($"Expected {what}; found {Describe(_current)} at column {_current.Column}");
        }

        Advance();
    }

    private void Advance() => _current = Scan();

    private FormulaSyntaxException Error(string message) =>
        new(message + ".", _text, _current.Column, _current.Text);

    private static string Describe(Token token) =>
        token.Kind == TokenKind.End ? "end of formula" : $"'{token.Text}'";

    private Token Scan()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        var start = _position;
        if (start >= _text.Length)
        {
            return new Token(TokenKind.End, string.Empty, start);
        }

        var c = _text[start];
        if (char.IsAsciiDigit(c) || (c == '.' && start + 1 < _text.Length && char.IsAsciiDigit(_text[start + 1])))
        {
            return ScanNumber(start);
        }

        if (c is '"' or '\'')
        {
            return ScanText(start, c);
        }

        if (IsIdentifierStart(c))
        {
            return ScanIdentifier(start);
        }

        _position++;
        switch (c)
        {
            case '(':
                return new Token(TokenKind.LeftParen, "(", start);
            case ')':
                return new Token(TokenKind.RightParen, ")", start);
            case ',':
                return new Token(TokenKind.Comma, ",", start);
            default:
                break;
        }

        if (start + 1 < _text.Length && Array.IndexOf(TwoCharOperators, _text.Substring(start, 2)) >= 0)
        {
            _position++;
            return new Token(TokenKind.Operator, _text.Substring(start, 2), start);
        }

        if (c is '+' or '-' or '*' or '/' or '%' or '&' or '=' or '<' or '>')
        {
            return new Token(TokenKind.Operator, c.ToString(), start);
        }

        throw new FormulaSyntaxException(
            $"Unexpected character '{c}' at column {start + 1}; formulas use + - * / % & = <> < <= > >=, "
            + "text in quotes, numbers, field ids and function calls.",
            _text, start + 1, c.ToString());
    }

    private Token ScanNumber(int start)
    {
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        if (_position < _text.Length && _text[_position] == '.')
        {
            _position++;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }

        var text = _text[start.._position];
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            throw new FormulaSyntaxException(
                $"Number '{text}' at column {start + 1} is outside the decimal range (about ±7.9e28).",
                _text, start + 1, text);
        }

        return new Token(TokenKind.Number, text, start);
    }

    private Token ScanText(int start, char quote)
    {
        var builder = new System.Text.StringBuilder();
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c != quote)
            {
                builder.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == quote)
            {
                builder.Append(quote);
                _position++;
            }
            else
            {
                return new Token(TokenKind.Text, _text[start.._position], start, builder.ToString());
            }
        }

        throw new FormulaSyntaxException(
            $"Text starting at column {start + 1} has no closing {quote}; close it, and double a quote to include "
            + "one in the text.",
            _text, start + 1, _text[start..]);
    }

    private Token ScanIdentifier(int start)
    {
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsIdentifierPart(c))
            {
                _position++;
            }
            else if (c == '.' && _position + 1 < _text.Length && IsIdentifierStart(_text[_position + 1]))
            {
                _position += 2;
            }
            else
            {
                break;
            }
        }

        return new Token(TokenKind.Identifier, _text[start.._position], start);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>One token; <see cref="Value"/> is the unquoted content of a text literal.</summary>
    private readonly record struct Token(TokenKind Kind, string Text, int Start, string? Value = null)
    {
        public int Column => Start + 1;
    }
}
