namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A code writer with an indent level: a builder owned by one caller, nothing to report.</summary>
internal static class IndentBuilderCase
{
    public static CorpusCase Case { get; } = new("IndentBuilder", """
        using System;
        using System.Text;

        namespace Corpus.Text
        {
            public sealed class CodeWriter
            {
                private readonly StringBuilder _builder = new StringBuilder();
                private int _indent;
                private int _lines;
                private bool _atLineStart = true;

                public int Lines => _lines;

                public CodeWriter Line(string text)
                {
                    WriteIndent();
                    _builder.Append(text).Append('\n');
                    _lines++;
                    _atLineStart = true;
                    return this;
                }

                public IDisposable Block(string header)
                {
                    Line(header);
                    Line("{");
                    _indent++;
                    return new Closer(this);
                }

                public void Indent(int levels) => _indent += levels;

                public void Outdent()
                {
                    if (_indent > 0)
                    {
                        _indent--;
                    }
                }

                public override string ToString() => _builder.ToString();

                private void WriteIndent()
                {
                    if (_atLineStart)
                    {
                        _builder.Append(' ', _indent * 4);
                        _atLineStart = false;
                    }
                }

                private sealed class Closer : IDisposable
                {
                    private readonly CodeWriter _writer;
                    private int _disposed;

                    public Closer(CodeWriter writer) => _writer = writer;

                    public void Dispose()
                    {
                        if (_disposed++ == 0)
                        {
                            _writer.Outdent();
                            _writer.Line("}");
                        }
                    }
                }
            }
        }
        """);
}
