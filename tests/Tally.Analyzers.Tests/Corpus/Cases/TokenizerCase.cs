namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A tokenizer: one instance per input, used by one thread. <c>_pos++</c> is the most common update in real code; nothing to report.</summary>
internal static class TokenizerCase
{
    public static CorpusCase Case { get; } = new("Tokenizer", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Parsing
        {
            public enum TokenKind { Number, Identifier, Symbol, End }

            public readonly struct Token
            {
                public Token(TokenKind kind, string text, int line)
                {
                    Kind = kind;
                    Text = text;
                    Line = line;
                }

                public TokenKind Kind { get; }
                public string Text { get; }
                public int Line { get; }
            }

            public sealed class Tokenizer
            {
                private readonly string _text;
                private int _pos;
                private int _line = 1;

                public Tokenizer(string text) => _text = text;

                public int TokensRead { get; private set; }

                public IEnumerable<Token> ReadAll()
                {
                    Token token;
                    do
                    {
                        token = Next();
                        yield return token;
                    }
                    while (token.Kind != TokenKind.End);
                }

                public Token Next()
                {
                    SkipWhitespace();
                    if (_pos >= _text.Length)
                    {
                        return new Token(TokenKind.End, string.Empty, _line);
                    }

                    int start = _pos;
                    char c = _text[_pos];
                    TokensRead++;
                    if (char.IsDigit(c))
                    {
                        while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                        {
                            _pos++;
                        }

                        return new Token(TokenKind.Number, _text.Substring(start, _pos - start), _line);
                    }

                    if (char.IsLetter(c) || c == '_')
                    {
                        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
                        {
                            ++_pos;
                        }

                        return new Token(TokenKind.Identifier, _text.Substring(start, _pos - start), _line);
                    }

                    _pos += 1;
                    return new Token(TokenKind.Symbol, c.ToString(), _line);
                }

                private void SkipWhitespace()
                {
                    while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
                    {
                        if (_text[_pos] == '\n')
                        {
                            _line = _line + 1;
                        }

                        _pos++;
                    }
                }
            }
        }
        """);
}
