using System.Text;
using Oprel.Worker.Templates.Ast;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// Walks a parsed template: runs its statements into a <see cref="StringBuilder"/> and evaluates its expressions
/// with Python's and Jinja's semantics. One instance renders once; a parsed template is shared and never changed.
/// </summary>
internal sealed class Interpreter
{
    private const int MaximumMacroDepth = 100;

    private int _macroDepth;

    public string Render(IReadOnlyList<Statement> body, Scope scope)
    {
        var output = new StringBuilder(4096);
        Execute(body, scope, output);
        return output.ToString();
    }

    private LoopFlow Execute(IReadOnlyList<Statement> statements, Scope scope, StringBuilder output)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            var flow = ExecuteStatement(statements[i], scope, output);
            if (flow != LoopFlow.Normal)
            {
                return flow;
            }
        }

        return LoopFlow.Normal;
    }

    private LoopFlow ExecuteStatement(Statement statement, Scope scope, StringBuilder output)
    {
        try
        {
            switch (statement)
            {
                case TextStatement text:
                    output.Append(text.Text);
                    return LoopFlow.Normal;
                case OutputStatement print:
                    var value = Evaluate(print.Expression, scope);
                    output.Append(value is StringValue printed ? printed.Value : value.ToString());
                    return LoopFlow.Normal;
                case IfStatement choice:
                    return Execute(Evaluate(choice.Condition, scope).IsTruthy ? choice.Then : choice.Otherwise, scope, output);
                case ForStatement loop:
                    return ExecuteFor(loop, scope, output);
                case SetStatement assignment:
                    Assign(assignment.Target, Evaluate(assignment.Value, scope), scope);
                    return LoopFlow.Normal;
                case SetBlockStatement capture:
                    var captured = new StringBuilder();
                    Execute(capture.Body, scope, captured);
                    Assign(capture.Target, new StringValue(captured.ToString()), scope);
                    return LoopFlow.Normal;
                case MacroStatement macro:
                    scope.Set(macro.Name, new FunctionValue(macro.Name, arguments => CallMacro(macro, scope, arguments)));
                    return LoopFlow.Normal;
                case LoopControlStatement control:
                    return control.IsContinue ? LoopFlow.Continue : LoopFlow.Break;
                default:
                    throw new TemplateRuntimeException($"Cannot run a {statement.GetType().Name}.");
            }
        }
        catch (TemplateRuntimeException exception)
        {
            throw new TemplateException(exception.Message, statement.Location, exception.RaisedByTemplate);
        }
    }

    private LoopFlow ExecuteFor(ForStatement loop, Scope scope, StringBuilder output)
    {
        var items = Operators.Iterate(Evaluate(loop.Iterable, scope));
        if (loop.Filter is not null)
        {
            var kept = new List<Value>(items.Count);
            foreach (var item in items)
            {
                var filterScope = new Scope(scope);
                Assign(loop.Target, item, filterScope);
                if (Evaluate(loop.Filter, filterScope).IsTruthy)
                {
                    kept.Add(item);
                }
            }

            items = kept;
        }

        if (items.Count == 0)
        {
            return Execute(loop.Otherwise, scope, output);
        }

        var loopValue = new LoopValue(items);
        for (var i = 0; i < items.Count; i++)
        {
            var iteration = new Scope(scope);
            Assign(loop.Target, items[i], iteration);
            loopValue.Index0 = i;
            iteration.Set("loop", loopValue);
            if (Execute(loop.Body, iteration, output) == LoopFlow.Break)
            {
                break;
            }
        }

        return LoopFlow.Normal;
    }

    private static void Assign(Expression target, Value value, Scope scope)
    {
        switch (target)
        {
            case NameExpression name:
                scope.Set(name.Name, value);
                break;
            case AttributeExpression { Target: NameExpression owner } attribute:
                if (scope.Lookup(owner.Name) is not NamespaceValue space)
                {
                    throw new TemplateRuntimeException($"Cannot set '{owner.Name}.{attribute.Name}': '{owner.Name}' is not a namespace() object.");
                }

                space.Set(attribute.Name, value);
                break;
            case ListExpression names:
                var items = Operators.Iterate(value);
                if (items.Count != names.Items.Count)
                {
                    throw new TemplateRuntimeException(items.Count < names.Items.Count
                        ? $"not enough values to unpack (expected {names.Items.Count}, got {items.Count})"
                        : $"too many values to unpack (expected {names.Items.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Assign(names.Items[i], items[i], scope);
                }

                break;
            default:
                throw new TemplateRuntimeException("Cannot assign to this expression.");
        }
    }

    private Value CallMacro(MacroStatement macro, Scope definingScope, CallArguments arguments)
    {
        if (_macroDepth >= MaximumMacroDepth)
        {
            throw new TemplateRuntimeException($"The macro '{macro.Name}' recursed more than {MaximumMacroDepth} levels deep.");
        }

        if (arguments.Positional.Count > macro.Parameters.Count)
        {
            throw new TemplateRuntimeException($"The macro '{macro.Name}' takes at most {macro.Parameters.Count} arguments, {arguments.Positional.Count} given.");
        }

        foreach (var keyword in arguments.Keywords)
        {
            if (!macro.Parameters.Any(parameter => parameter.Name == keyword.Key))
            {
                throw new TemplateRuntimeException($"The macro '{macro.Name}' has no parameter '{keyword.Key}'.");
            }
        }

        _macroDepth++;
        try
        {
            var scope = new Scope(definingScope);
            for (var i = 0; i < macro.Parameters.Count; i++)
            {
                var parameter = macro.Parameters[i];
                var value = arguments.Find(i, parameter.Name)
                    ?? (parameter.Default is null ? UndefinedValue.Named(parameter.Name) : Evaluate(parameter.Default, scope));
                scope.Set(parameter.Name, value);
            }

            var output = new StringBuilder();
            Execute(macro.Body, scope, output);
            return new StringValue(output.ToString());
        }
        finally
        {
            _macroDepth--;
        }
    }

    private Value Evaluate(Expression expression, Scope scope)
    {
        try
        {
            return expression switch
            {
                LiteralExpression literal => literal.Value,
                NameExpression name => scope.Lookup(name.Name),
                AttributeExpression attribute => Members.GetAttribute(Evaluate(attribute.Target, scope), attribute.Name),
                SubscriptExpression subscript => Members.GetItem(Evaluate(subscript.Target, scope), Evaluate(subscript.Index, scope)),
                SliceExpression slice => Members.Slice(
                    Evaluate(slice.Target, scope),
                    EvaluateOptional(slice.Start, scope),
                    EvaluateOptional(slice.Stop, scope),
                    EvaluateOptional(slice.Step, scope)),
                CallExpression call => EvaluateCall(call, scope),
                FilterExpression filter => Filters.Apply(filter.Name, Evaluate(filter.Input, scope), EvaluateArguments(filter.Arguments, filter.Keywords, scope)),
                TestExpression test => BooleanValue.From(
                    Tests.Apply(test.Name, Evaluate(test.Input, scope), EvaluateArguments(test.Arguments, [], scope)) != test.Negated),
                UnaryExpression unary => EvaluateUnary(unary, scope),
                BinaryExpression binary => EvaluateBinary(binary, scope),
                ConditionalExpression conditional => Evaluate(conditional.Condition, scope).IsTruthy
                    ? Evaluate(conditional.Then, scope)
                    : conditional.Otherwise is null ? UndefinedValue.Anonymous : Evaluate(conditional.Otherwise, scope),
                ListExpression list => new ListValue(list.Items.Select(item => Evaluate(item, scope)).ToList(), list.IsTuple),
                DictExpression dict => EvaluateDict(dict, scope),
                _ => throw new TemplateRuntimeException($"Cannot evaluate a {expression.GetType().Name}."),
            };
        }
        catch (TemplateRuntimeException exception)
        {
            throw new TemplateException(exception.Message, expression.Location, exception.RaisedByTemplate);
        }
        catch (ArithmeticException exception)
        {
            throw new TemplateException($"Arithmetic error: {exception.Message}", expression.Location);
        }
    }

    private Value EvaluateOptional(Expression? expression, Scope scope) => expression is null ? NoneValue.Instance : Evaluate(expression, scope);

    private Value EvaluateCall(CallExpression call, Scope scope)
    {
        var arguments = EvaluateArguments(call.Arguments, call.Keywords, scope);
        if (call.Callee is AttributeExpression attribute)
        {
            var target = Evaluate(attribute.Target, scope);
            if (Members.TryCallMethod(target, attribute.Name, arguments) is { } result)
            {
                return result;
            }

            return Invoke(Members.GetAttribute(target, attribute.Name), arguments);
        }

        return Invoke(Evaluate(call.Callee, scope), arguments);
    }

    private static Value Invoke(Value callee, CallArguments arguments) => callee switch
    {
        FunctionValue function => function.Invoke(arguments),
        UndefinedValue undefined => throw new TemplateRuntimeException($"{undefined.Reason}, so it cannot be called"),
        _ => throw new TemplateRuntimeException($"'{callee.TypeName}' object is not callable"),
    };

    private CallArguments EvaluateArguments(IReadOnlyList<Expression> positional, IReadOnlyList<KeywordArgument> keywords, Scope scope)
    {
        if (positional.Count == 0 && keywords.Count == 0)
        {
            return CallArguments.None;
        }

        var values = new Value[positional.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Evaluate(positional[i], scope);
        }

        var named = keywords.Count == 0 ? [] : new KeyValuePair<string, Value>[keywords.Count];
        for (var i = 0; i < keywords.Count; i++)
        {
            named[i] = new KeyValuePair<string, Value>(keywords[i].Name, Evaluate(keywords[i].Value, scope));
        }

        return new CallArguments(values, named);
    }

    private Value EvaluateUnary(UnaryExpression unary, Scope scope)
    {
        var operand = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            UnaryOperator.Not => BooleanValue.From(!operand.IsTruthy),
            UnaryOperator.Negate => Operators.Negate(operand),
            _ => Operators.Plus(operand),
        };
    }

    private Value EvaluateBinary(BinaryExpression binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return left.IsTruthy ? Evaluate(binary.Right, scope) : left;
            case BinaryOperator.Or:
                return left.IsTruthy ? left : Evaluate(binary.Right, scope);
        }

        var right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            BinaryOperator.Equal => BooleanValue.From(Operators.AreEqual(left, right)),
            BinaryOperator.NotEqual => BooleanValue.From(!Operators.AreEqual(left, right)),
            BinaryOperator.Less => BooleanValue.From(Operators.Compare(left, right, "<") < 0),
            BinaryOperator.LessOrEqual => BooleanValue.From(Operators.Compare(left, right, "<=") <= 0),
            BinaryOperator.Greater => BooleanValue.From(Operators.Compare(left, right, ">") > 0),
            BinaryOperator.GreaterOrEqual => BooleanValue.From(Operators.Compare(left, right, ">=") >= 0),
            BinaryOperator.In => BooleanValue.From(Operators.Contains(right, left)),
            BinaryOperator.NotIn => BooleanValue.From(!Operators.Contains(right, left)),
            BinaryOperator.Add => Operators.Add(left, right),
            BinaryOperator.Subtract => Operators.Subtract(left, right),
            BinaryOperator.Concatenate => Operators.Concatenate(left, right),
            BinaryOperator.Multiply => Operators.Multiply(left, right),
            BinaryOperator.Divide => Operators.Divide(left, right),
            BinaryOperator.FloorDivide => Operators.FloorDivide(left, right),
            BinaryOperator.Modulo => Operators.Modulo(left, right),
            _ => Operators.Power(left, right),
        };
    }

    private DictValue EvaluateDict(DictExpression dict, Scope scope)
    {
        var result = new DictValue();
        foreach (var entry in dict.Entries)
        {
            var key = Evaluate(entry.Key, scope) as StringValue
                ?? throw new TemplateRuntimeException("Dict keys in a chat template must be strings.");
            result.With(key.Value, Evaluate(entry.Value, scope));
        }

        return result;
    }
}
