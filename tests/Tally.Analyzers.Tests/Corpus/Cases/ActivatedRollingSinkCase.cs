namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean, fresh sample family B): a logging sink hierarchy. The sink base writes every entry inside its
/// own lock and calls the protected abstract <c>Emit</c> there; the rolling file sink's override rolls the files over
/// when the file is full and counts the backups. Activation (the options interface's <c>Activate</c>, implemented by
/// the base's virtual and overridden by the rolling sink) rolls an existing file out of the way too, without the lock:
/// the configuration loader runs it on a sink it has just created by reflection, seen through a type test, before
/// handing it to any logger; the loader's other activation call tests a logger node, a class no sink derives from.
/// The rolling sink also holds a mutex of its own around the roll-over (shared between processes when configured so),
/// which makes the locked count evidence that the storage is shared.
/// The two counts never overlap. Expected: nothing reported.
/// </summary>
internal static class ActivatedRollingSinkCase
{
    public static CorpusCase Case { get; } = new("ActivatedRollingSink", """
        using System;
        using System.IO;

        namespace Corpus.Logging
        {
            public interface IActivatable
            {
                void Activate();
            }

            public abstract class SinkBase : IActivatable
            {
                private readonly object _sync = new object();
                private bool _closed;

                public string Name { get; set; }

                public void Write(string line)
                {
                    lock (_sync)
                    {
                        if (_closed)
                        {
                            return;
                        }

                        Emit(line);
                    }
                }

                public void Close()
                {
                    lock (_sync)
                    {
                        _closed = true;
                        OnClose();
                    }
                }

                public virtual void Activate()
                {
                }

                protected abstract void Emit(string line);

                protected virtual void OnClose()
                {
                }
            }

            public class FileSink : SinkBase
            {
                private StreamWriter _writer;

                public string Path { get; set; }

                public long Written { get; private set; }

                public override void Activate()
                {
                    base.Activate();
                    Open();
                }

                protected void Open()
                {
                    _writer = new StreamWriter(Path, append: true);
                    Written = new FileInfo(Path).Length;
                }

                protected override void Emit(string line)
                {
                    _writer.WriteLine(line);
                    Written += line.Length + 1;
                }

                protected override void OnClose() => _writer?.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.BaseClassLocksAroundVirtual,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.IO;
            using System.Threading;

            namespace Corpus.Logging
            {
                public class RollingFileSink : FileSink
                {
                    private Mutex _rollMutex;

                    public bool RollAcrossProcesses { get; set; }
                    public int Backups { get; set; }

                    public int MaxBackups { get; set; } = 5;

                    public long MaxLength { get; set; } = 1 << 20;

                    public bool AppendToExisting { get; set; } = true;

                    public override void Activate()
                    {
                        _rollMutex = RollAcrossProcesses ? new Mutex(false, "roll:" + Path.Replace('\\', '_')) : null;
                        Backups = CountBackups();
                        if (!AppendToExisting && File.Exists(Path))
                        {
                            RollFiles(Path);
                        }

                        base.Activate();
                    }

                    protected override void Emit(string line)
                    {
                        try
                        {
                            _rollMutex?.WaitOne();
                            if (Written >= MaxLength)
                            {
                                RollOver();
                            }
                        }
                        finally
                        {
                            _rollMutex?.ReleaseMutex();
                        }

                        base.Emit(line);
                    }

                    protected void RollOver()
                    {
                        OnClose();
                        RollFiles(Path);
                        Open();
                    }

                    protected virtual void RollFiles(string baseName)
                    {
                        if (Backups >= MaxBackups)
                        {
                            File.Delete(baseName + "." + Backups);
                            Backups--;
                        }

                        for (var i = Backups; i >= 1; i--)
                        {
                            File.Move(baseName + "." + i, baseName + "." + (i + 1));
                        }

                        File.Move(baseName, baseName + ".1");
                        Backups++;
                    }

                    private int CountBackups()
                    {
                        var count = 0;
                        while (File.Exists(Path + "." + (count + 1)))
                        {
                            count++;
                        }

                        return count;
                    }
                }
            }
            """,
            """
            using System;
            using System.Collections.Generic;

            namespace Corpus.Logging
            {
                public static class Guard
                {
                    public static T NotNull<T>(this T value) where T : class => value ?? throw new ArgumentNullException(nameof(value));

                    public static T As<T>(this object value) where T : class
                    {
                        if (value is T typed)
                        {
                            return typed;
                        }

                        throw new InvalidCastException(value?.GetType() + " is not a " + typeof(T));
                    }
                }

                public class LoggerNode
                {
                    private readonly List<SinkBase> _sinks = new List<SinkBase>();

                    public string Category { get; set; }

                    public void Attach(SinkBase sink)
                    {
                        lock (_sinks)
                        {
                            _sinks.Add(sink);
                        }
                    }

                    public void Log(string line)
                    {
                        SinkBase[] sinks;
                        lock (_sinks)
                        {
                            sinks = _sinks.ToArray();
                        }

                        foreach (var sink in sinks)
                        {
                            sink.Write(Category + ": " + line);
                        }
                    }
                }

                public sealed class SinkLoader
                {
                    public SinkBase Load(string typeName, IDictionary<string, string> settings)
                    {
                        var sink = Activator.CreateInstance(Type.GetType(typeName, throwOnError: true)).As<SinkBase>();
                        sink.Name = settings["name"];
                        if (sink is FileSink file)
                        {
                            file.Path = settings["path"];
                        }

                        if (sink is IActivatable activatable)
                        {
                            activatable.Activate();
                        }

                        return sink;
                    }

                    public void Configure(LoggerNode node, IDictionary<string, string> settings)
                    {
                        node.Category = settings["category"];
                        if (node is IActivatable activatable)
                        {
                            activatable.Activate();
                        }

                        node.Attach(Load(settings["sink"], settings));
                    }
                }
            }
            """,
        },
    };
}
