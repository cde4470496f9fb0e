namespace Oprel.Supervisor.Inference;

/// <summary>A GBNF grammar for any JSON object, used for <c>"format": "json"</c> so the answer always parses.</summary>
internal static class JsonGrammar
{
    public const string Gbnf = """
        root   ::= ws object ws
        value  ::= object | array | string | number | ("true" | "false" | "null")
        object ::= "{" ws ( member ( ws "," ws member )* )? ws "}"
        member ::= string ws ":" ws value
        array  ::= "[" ws ( value ( ws "," ws value )* )? ws "]"
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" ( ["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] ) )* "\""
        number ::= "-"? ( [0-9] | [1-9] [0-9]{0,15} ) ( "." [0-9]+ )? ( [eE] [-+]? [0-9]{1,3} )?
        ws     ::= | " " | "\n" [ \t]{0,20}
        """;
}
