using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Builds one compilation's <see cref="ConcurrencyModel"/> with the help of every thread that needs it. The analyzer
    /// driver runs callbacks on many threads at once; with a plain lazy value, the first callback would summarise every
    /// tree alone while the others sat blocked, and every blocked callback's wait would count as Tally's execution time.
    /// Here each thread that asks for the model takes the next tree not yet taken and summarises it, until none is left;
    /// then it waits only for the trees still in other threads' hands. The summaries land in tree order, so the model
    /// is the same whichever threads made them. The model itself comes from <see cref="ModelCache"/>, which merges only the
    /// edited tree's facts anew when the compilation differs from the last one in that tree alone.
    /// </summary>
    internal sealed class ModelBuild
    {
        private readonly Compilation _compilation;
        private readonly KnownSymbols _known;
        private readonly TallyOptionsCache _options;
        private readonly SyntaxTree[] _trees;
        private readonly TreeSummary?[] _summaries;
        private readonly ManualResetEventSlim _summarized;
        private readonly object _gate = new object();
        private int _next = -1;
        private int _remaining;
        private ExceptionDispatchInfo? _failure;
        private ConcurrencyModel? _model;

        public ModelBuild(Compilation compilation, KnownSymbols known, TallyOptionsCache options)
        {
            _compilation = compilation;
            _known = known;
            _options = options;
            _trees = compilation.SyntaxTrees.ToArray();
            _summaries = new TreeSummary?[_trees.Length];
            _remaining = _trees.Length;
            _summarized = new ManualResetEventSlim(_trees.Length == 0);
        }

        /// <summary>The model; the calling thread helps to summarise the trees nobody has taken yet.</summary>
        public ConcurrencyModel Value => Volatile.Read(ref _model) ?? Build();

        private ConcurrencyModel Build()
        {
            int index;
            while ((index = Interlocked.Increment(ref _next)) < _trees.Length)
            {
                try
                {
                    var tree = _trees[index];
                    _summaries[index] = TreeSummaryCache.Get(_compilation, tree, _known, _options.Get(tree), CancellationToken.None);
                }
                catch (Exception e)
                {
                    // Every caller rethrows it: a failed summary must not leave the others waiting, nor a model without it.
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _remaining) == 0)
                    {
                        _summarized.Set();
                    }
                }
            }

            _summarized.Wait();
            Volatile.Read(ref _failure)?.Throw();
            lock (_gate)
            {
                var model = _model;
                if (model == null)
                {
                    var summaries = new TreeSummary[_summaries.Length];
                    for (var i = 0; i < summaries.Length; i++)
                    {
                        summaries[i] = _summaries[i]!;
                    }

                    model = ModelCache.ModelOf(_trees, summaries);
                    Volatile.Write(ref _model, model);
                }

                return model;
            }
        }
    }
}
