using System.Globalization;
using Oprel.Worker.Templates.Ast;
using Oprel.Worker.Templates.Runtime;

namespace Oprel.Worker.Templates.Parsing;

/// <summary>
/// A recursive-descent parser for the Jinja2 subset of chat templates, with Jinja's operator precedence (loosest
/// first): <c>x if c else y</c>, <c>or</c>, <c>and</c>, <c>not</c>, comparisons and <c>in</c>, <c>+ -</c>, <c>~</c>,
/// <c>* / // %</c>, <c>**</c>, unary <c>- +</c>, then postfix <c>.attr [i] (args)</c> and filters/tests.
/// </summary>
internal sealed class Parser
{
    private const int MaximumNesting = 200;

    private static readonly string[] UnsupportedTags = ["include", "extends", "import", "from", "block", "call", "filter", "with", "do", "autoescape", "trans"];

    private readonly IReadOnlyList<Token> _tokens;
    private readonly HashSet<string> _referencedNames = new(StringComparer.Ordinal);
    private int _index;
    private int _nesting;
    private int _loopDepth;

    private Parser(IReadOnlyList<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_index];

    public static ParsedTemplate Parse(IReadOnlyList<Token> tokens)
    {
        var parser = new Parser(tokens);
        var (body, _) = parser.ParseBody(opening: null);
        return new ParsedTemplate(body, parser._referencedNames);
    }

    /// <summary>Statements up to one of <paramref name="endTags"/> (whose name it consumes and returns) or the end.</summary>
    private (List<Statement> Body, string EndTag) ParseBody(Token? opening, params string[] endTags)
    {
        var body = new List<Statement>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Text:
                    _index++;
                    body.Add(new TextStatement(token.Location, token.Text));
                    break;
                case TokenKind.VariableStart:
                    _index++;
                    var expression = ParseTuple(allowConditional: true);
                    Expect(TokenKind.VariableEnd);
                    body.Add(new OutputStatement(token.Location, expression));
                    break;
                case TokenKind.BlockStart:
                    var name = Peek(1);
                    if (name.Kind == TokenKind.Name && endTags.Contains(name.Text))
                    {
                        _index += 2;
                        return (body, name.Text);
                    }

                    _index++;
                    ParseTag(body);
                    break;
                case TokenKind.EndOfInput:
                    if (opening is not null)
                    {
                        throw new TemplateException(
                            $"The '{opening.Text}' tag here is never closed: the template ends where '{string.Join("' or '", endTags)}' was expected.",
                            opening.Location);
                    }

                    return (body, "");
                default:
                    throw Unexpected(token);
            }
        }
    }

    private void ParseTag(List<Statement> into)
    {
        var tag = Current;
        if (tag.Kind != TokenKind.Name)
        {
            throw new TemplateException($"A tag name was expected after '{{%', not {tag.Describe()}.", tag.Location);
        }

        _index++;
        Enter();
        switch (tag.Text)
        {
            case "if":
                into.Add(ParseIf(tag));
                break;
            case "for":
                into.Add(ParseFor(tag));
                break;
            case "set":
                into.Add(ParseSet(tag));
                break;
            case "macro":
                into.Add(ParseMacro(tag));
                break;
            case "generation":
                Expect(TokenKind.BlockEnd);
                into.AddRange(ParseBody(tag, "endgeneration").Body);
                Expect(TokenKind.BlockEnd);
                break;
            case "break" or "continue":
                if (_loopDepth == 0)
                {
                    throw new TemplateException($"'{tag.Text}' is only allowed inside a 'for' loop.", tag.Location);
                }

                Expect(TokenKind.BlockEnd);
                into.Add(new LoopControlStatement(tag.Location, tag.Text == "continue"));
                break;
            default:
                throw new TemplateException(
                    UnsupportedTags.Contains(tag.Text)
                        ? $"The tag '{tag.Text}' is not supported in chat templates."
                        : $"Unknown tag '{tag.Text}'{(tag.Text.StartsWith("end", StringComparison.Ordinal) || tag.Text is "else" or "elif" ? " (it closes nothing open here)" : "")}.",
                    tag.Location);
        }

        _nesting--;
    }

    private IfStatement ParseIf(Token tag)
    {
        var condition = ParseExpression();
        Expect(TokenKind.BlockEnd);
        var (then, end) = ParseBody(tag, "elif", "else", "endif");
        IReadOnlyList<Statement> otherwise = [];
        switch (end)
        {
            case "elif":
                var elif = _tokens[_index - 1];
                otherwise = [ParseIf(elif)];
                return new IfStatement(tag.Location, condition, then, otherwise);
            case "else":
                Expect(TokenKind.BlockEnd);
                otherwise = ParseBody(tag, "endif").Body;
                break;
        }

        Expect(TokenKind.BlockEnd);
        return new IfStatement(tag.Location, condition, then, otherwise);
    }

    private ForStatement ParseFor(Token tag)
    {
        var target = ParseAssignTarget(allowAttribute: false);
        ExpectName("in");
        var iterable = ParseTuple(allowConditional: false);
        Expression? filter = null;
        if (Current.IsName("if"))
        {
            _index++;
            filter = ParseExpression();
        }

        if (Current.IsName("recursive"))
        {
            throw new TemplateException("Recursive loops are not supported in chat templates.", Current.Location);
        }

        Expect(TokenKind.BlockEnd);
        _loopDepth++;
        var (body, end) = ParseBody(tag, "else", "endfor");
        _loopDepth--;
        IReadOnlyList<Statement> otherwise = [];
        if (end == "else")
        {
            Expect(TokenKind.BlockEnd);
            otherwise = ParseBody(tag, "endfor").Body;
        }

        Expect(TokenKind.BlockEnd);
        return new ForStatement(tag.Location, target, iterable, filter, body, otherwise);
    }

    private Statement ParseSet(Token tag)
    {
        var target = ParseAssignTarget(allowAttribute: true);
        if (Current.IsOperator("="))
        {
            _index++;
            var value = ParseTuple(allowConditional: true);
            Expect(TokenKind.BlockEnd);
            return new SetStatement(tag.Location, target, value);
        }

        if (target is not NameExpression)
        {
            throw new TemplateException("A block '{% set %}' assigns to one name.", target.Location);
        }

        Expect(TokenKind.BlockEnd);
        var depth = _loopDepth;
        _loopDepth = 0;
        var body = ParseBody(tag, "endset").Body;
        _loopDepth = depth;
        Expect(TokenKind.BlockEnd);
        return new SetBlockStatement(tag.Location, target, body);
    }

    private MacroStatement ParseMacro(Token tag)
    {
        var name = ExpectName();
        Expect(TokenKind.Operator, "(");
        var parameters = new List<MacroParameter>();
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            var parameter = ExpectName();
            Expression? fallback = null;
            if (Current.IsOperator("="))
            {
                _index++;
                fallback = ParseExpression();
            }
            else if (parameters.Count > 0 && parameters[^1].Default is not null)
            {
                throw new TemplateException($"The macro parameter '{parameter.Text}' needs a default, as the ones before it have.", parameter.Location);
            }

            parameters.Add(new MacroParameter(parameter.Text, fallback));
        }

        _index++;
        Expect(TokenKind.BlockEnd);
        var depth = _loopDepth;
        _loopDepth = 0;
        var body = ParseBody(tag, "endmacro").Body;
        _loopDepth = depth;
        if (Current.Kind == TokenKind.Name)
        {
            _index++;
        }

        Expect(TokenKind.BlockEnd);
        return new MacroStatement(tag.Location, name.Text, parameters, body);
    }

    /// <summary>A name, <c>a, b</c> or <c>(a, b)</c>; with <paramref name="allowAttribute"/> also <c>ns.name</c>.</summary>
    private Expression ParseAssignTarget(bool allowAttribute)
    {
        var start = Current;
        var parenthesized = start.IsOperator("(");
        if (parenthesized)
        {
            _index++;
        }

        var names = new List<Expression>();
        do
        {
            if (names.Count > 0)
            {
                _index++;
                if (!parenthesized && Current.Kind != TokenKind.Name)
                {
                    break;
                }
            }

            var name = ExpectName();
            if (allowAttribute && names.Count == 0 && Current.IsOperator("."))
            {
                _index++;
                var attribute = ExpectName();
                Reference(name.Text);
                return new AttributeExpression(name.Location, new NameExpression(name.Location, name.Text), attribute.Text);
            }

            names.Add(new NameExpression(name.Location, name.Text));
        }
        while (Current.IsOperator(","));

        if (parenthesized)
        {
            Expect(TokenKind.Operator, ")");
        }

        return names.Count == 1 && !parenthesized ? names[0] : new ListExpression(start.Location, names, IsTuple: true);
    }

    /// <summary>An expression, or a tuple <c>a, b</c> of them without parentheses.</summary>
    private Expression ParseTuple(bool allowConditional)
    {
        var start = Current;
        var first = allowConditional ? ParseExpression() : ParseOr();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expression> { first };
        while (Current.IsOperator(","))
        {
            _index++;
            if (Current.Kind is TokenKind.BlockEnd or TokenKind.VariableEnd || Current.IsName("if"))
            {
                break;
            }

            items.Add(allowConditional ? ParseExpression() : ParseOr());
        }

        return new ListExpression(start.Location, items, IsTuple: true);
    }

    private Expression ParseExpression()
    {
        Enter();
        var start = Current;
        var expression = ParseOr();
        while (Current.IsName("if"))
        {
            _index++;
            var condition = ParseOr();
            Expression? otherwise = null;
            if (Current.IsName("else"))
            {
                _index++;
                otherwise = ParseExpression();
            }

            expression = new ConditionalExpression(start.Location, condition, expression, otherwise);
        }

        _nesting--;
        return expression;
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var token = Next();
            left = new BinaryExpression(token.Location, BinaryOperator.Or, left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var token = Next();
            left = new BinaryExpression(token.Location, BinaryOperator.And, left, ParseNot());
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (!Current.IsName("not"))
        {
            return ParseComparison();
        }

        var token = Next();
        Enter();
        var operand = ParseNot();
        _nesting--;
        return new UnaryExpression(token.Location, UnaryOperator.Not, operand);
    }

    private Expression ParseComparison()
    {
        var left = ParseAdditive();
        Expression? result = null;
        while (true)
        {
            var token = Current;
            BinaryOperator comparison;
            if (token.Kind == TokenKind.Operator && token.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                comparison = token.Text switch
                {
                    "==" => BinaryOperator.Equal,
                    "!=" => BinaryOperator.NotEqual,
                    "<" => BinaryOperator.Less,
                    "<=" => BinaryOperator.LessOrEqual,
                    ">" => BinaryOperator.Greater,
                    _ => BinaryOperator.GreaterOrEqual,
                };
                _index++;
            }
            else if (token.IsName("in"))
            {
                comparison = BinaryOperator.In;
                _index++;
            }
            else if (token.IsName("not") && Peek(1).IsName("in"))
            {
                comparison = BinaryOperator.NotIn;
                _index += 2;
            }
            else
            {
                return result ?? left;
            }

            var right = ParseAdditive();
            var test = new BinaryExpression(token.Location, comparison, left, right);
            result = result is null ? test : new BinaryExpression(token.Location, BinaryOperator.And, result, test);
            left = right;
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseConcatenation();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var token = Next();
            left = new BinaryExpression(token.Location, token.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, ParseConcatenation());
        }

        return left;
    }

    private Expression ParseConcatenation()
    {
        var left = ParseMultiplicative();
        while (Current.IsOperator("~"))
        {
            var token = Next();
            left = new BinaryExpression(token.Location, BinaryOperator.Concatenate, left, ParseMultiplicative());
        }

        return left;
    }

    private Expression ParseMultiplicative()
    {
        var left = ParsePower();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "//" or "%")
        {
            var token = Next();
            var operation = token.Text switch
            {
                "*" => BinaryOperator.Multiply,
                "/" => BinaryOperator.Divide,
                "//" => BinaryOperator.FloorDivide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinaryExpression(token.Location, operation, left, ParsePower());
        }

        return left;
    }

    private Expression ParsePower()
    {
        var left = ParseUnary(withFilters: true);
        while (Current.IsOperator("**"))
        {
            var token = Next();
            left = new BinaryExpression(token.Location, BinaryOperator.Power, left, ParseUnary(withFilters: true));
        }

        return left;
    }

    private Expression ParseUnary(bool withFilters)
    {
        Enter();
        var token = Current;
        Expression expression;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            _index++;
            expression = new UnaryExpression(token.Location, token.Text == "-" ? UnaryOperator.Negate : UnaryOperator.Plus, ParseUnary(withFilters: false));
        }
        else
        {
            expression = ParsePrimary();
        }

        expression = ParsePostfix(expression);
        if (withFilters)
        {
            expression = ParseFiltersAndTests(expression);
        }

        _nesting--;
        return expression;
    }

    private Expression ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new LiteralExpression(token.Location, BooleanValue.True),
                    "false" or "False" => new LiteralExpression(token.Location, BooleanValue.False),
                    "none" or "None" => new LiteralExpression(token.Location, NoneValue.Instance),
                    _ => Reference(new NameExpression(token.Location, token.Text)),
                };
            case TokenKind.String:
                var text = token.Text;
                while (Current.Kind == TokenKind.String)
                {
                    text += Next().Text;
                }

                return new LiteralExpression(token.Location, new StringValue(text));
            case TokenKind.Integer:
                return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
                    ? new LiteralExpression(token.Location, IntegerValue.From(integer))
                    : throw new TemplateException($"The integer {token.Text} is too large.", token.Location);
            case TokenKind.Float:
                return new LiteralExpression(token.Location, new FloatValue(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case TokenKind.Operator when token.Text == "(":
                return ParseParenthesized(token);
            case TokenKind.Operator when token.Text == "[":
                var items = ParseSequence("]", ParseExpression);
                return new ListExpression(token.Location, items, IsTuple: false);
            case TokenKind.Operator when token.Text == "{":
                var entries = ParseSequence("}", () =>
                {
                    var key = ParseExpression();
                    Expect(TokenKind.Operator, ":");
                    return new DictEntry(key, ParseExpression());
                });
                return new DictExpression(token.Location, entries);
            default:
                throw Unexpected(token);
        }
    }

    private Expression ParseParenthesized(Token open)
    {
        if (Current.IsOperator(")"))
        {
            _index++;
            return new ListExpression(open.Location, [], IsTuple: true);
        }

        var first = ParseExpression();
        if (Current.IsOperator(")"))
        {
            _index++;
            return first;
        }

        Expect(TokenKind.Operator, ",");
        var items = new List<Expression> { first };
        items.AddRange(ParseSequence(")", ParseExpression));
        return new ListExpression(open.Location, items, IsTuple: true);
    }

    /// <summary>Comma-separated items up to <paramref name="close"/> (consumed), a trailing comma allowed.</summary>
    private List<T> ParseSequence<T>(string close, Func<T> parseItem)
    {
        var items = new List<T>();
        while (!Current.IsOperator(close))
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Current.IsOperator(close))
                {
                    break;
                }
            }

            items.Add(parseItem());
        }

        _index++;
        return items;
    }

    private Expression ParsePostfix(Expression expression)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("."))
            {
                _index++;
                var member = Next();
                expression = member.Kind switch
                {
                    TokenKind.Name => new AttributeExpression(token.Location, expression, member.Text),
                    TokenKind.Integer => new SubscriptExpression(token.Location, expression, new LiteralExpression(member.Location, IntegerValue.From(long.Parse(member.Text, CultureInfo.InvariantCulture)))),
                    _ => throw new TemplateException($"An attribute name was expected after '.', not {member.Describe()}.", member.Location),
                };
            }
            else if (token.IsOperator("["))
            {
                _index++;
                expression = ParseSubscript(token, expression);
            }
            else if (token.IsOperator("("))
            {
                _index++;
                var (arguments, keywords) = ParseArguments();
                expression = new CallExpression(expression.Location, expression, arguments, keywords);
            }
            else
            {
                return expression;
            }
        }
    }

    private Expression ParseSubscript(Token open, Expression target)
    {
        Expression? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (Current.IsOperator("]"))
            {
                _index++;
                return new SubscriptExpression(open.Location, target, start);
            }
        }

        Expect(TokenKind.Operator, ":");
        Expression? stop = null;
        Expression? step = null;
        if (!Current.IsOperator("]") && !Current.IsOperator(":"))
        {
            stop = ParseExpression();
        }

        if (Current.IsOperator(":"))
        {
            _index++;
            if (!Current.IsOperator("]"))
            {
                step = ParseExpression();
            }
        }

        Expect(TokenKind.Operator, "]");
        return new SliceExpression(open.Location, target, start, stop, step);
    }

    /// <summary>Call arguments after '(' up to ')': positional first, then <c>name=value</c>.</summary>
    private (List<Expression> Arguments, List<KeywordArgument> Keywords) ParseArguments()
    {
        var arguments = new List<Expression>();
        var keywords = new List<KeywordArgument>();
        ParseSequence(")", () =>
        {
            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw new TemplateException("'*args' and '**kwargs' in calls are not supported in chat templates.", Current.Location);
            }

            if (Current.Kind == TokenKind.Name && Peek(1).IsOperator("="))
            {
                var name = Next();
                _index++;
                keywords.Add(new KeywordArgument(name.Text, ParseExpression()));
            }
            else if (keywords.Count > 0)
            {
                throw new TemplateException("A positional argument cannot follow a keyword argument.", Current.Location);
            }
            else
            {
                arguments.Add(ParseExpression());
            }

            return true;
        });
        return (arguments, keywords);
    }

    private Expression ParseFiltersAndTests(Expression expression)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("|"))
            {
                _index++;
                var name = ExpectName();
                if (!Filters.Exists(name.Text))
                {
                    throw new TemplateException($"No filter named '{name.Text}'.", name.Location);
                }

                List<Expression> arguments = [];
                List<KeywordArgument> keywords = [];
                if (Current.IsOperator("("))
                {
                    _index++;
                    (arguments, keywords) = ParseArguments();
                }

                expression = new FilterExpression(name.Location, expression, name.Text, arguments, keywords);
            }
            else if (token.IsName("is"))
            {
                _index++;
                var negated = Current.IsName("not");
                if (negated)
                {
                    _index++;
                }

                var name = ExpectName();
                if (!Tests.Exists(name.Text))
                {
                    throw new TemplateException($"No test named '{name.Text}'.", name.Location);
                }

                List<Expression> arguments = [];
                if (Current.IsOperator("("))
                {
                    _index++;
                    var (positional, keywords) = ParseArguments();
                    arguments = [.. positional, .. keywords.Select(keyword => keyword.Value)];
                }
                else if (Tests.TakesArgument(name.Text))
                {
                    arguments = [ParsePostfix(ParsePrimary())];
                }

                expression = new TestExpression(name.Location, expression, name.Text, arguments, negated);
            }
            else
            {
                return expression;
            }
        }
    }

    private NameExpression Reference(NameExpression name)
    {
        Reference(name.Name);
        return name;
    }

    private void Reference(string name) => _referencedNames.Add(name);

    private void Enter()
    {
        if (++_nesting > MaximumNesting)
        {
            throw new TemplateException("The expression is nested too deeply.", Current.Location);
        }
    }

    private Token Peek(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private Token Next()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput)
        {
            _index++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string? text = null)
    {
        var token = Current;
        if (token.Kind != kind || (text is not null && token.Text != text))
        {
            var wanted = text is not null ? $"'{text}'" : kind switch
            {
                TokenKind.BlockEnd => "'%}'",
                TokenKind.VariableEnd => "'}}'",
                _ => kind.ToString().ToLowerInvariant(),
            };
            throw new TemplateException($"Expected {wanted}, found {token.Describe()}.", token.Location);
        }

        _index++;
        return token;
    }

    private Token ExpectName(string? name = null)
    {
        var token = Current;
        if (token.Kind != TokenKind.Name || (name is not null && token.Text != name))
        {
            throw new TemplateException($"Expected {(name is null ? "a name" : $"'{name}'")}, found {token.Describe()}.", token.Location);
        }

        _index++;
        return token;
    }

    private static TemplateException Unexpected(Token token) => new($"Unexpected {token.Describe()}.", token.Location);
}
