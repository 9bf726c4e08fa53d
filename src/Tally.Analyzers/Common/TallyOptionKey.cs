using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Tally.Analyzers.Common
{
    /// <summary>What a <c>tally.*</c> key accepts, in the terms <see cref="TallyOptions.Parse"/> reads it.</summary>
    internal enum TallyOptionValueKind
    {
        /// <summary>One or more of a fixed set of words, comma- or semicolon-separated.</summary>
        Words,

        /// <summary>Exactly one of a fixed set of words.</summary>
        Word,

        /// <summary><c>Type.Method</c> names (the type simple or fully qualified, or left out), comma-separated.</summary>
        Methods,

        /// <summary><c>Type.Enter|Type.Exit</c> pairs, comma-separated.</summary>
        MethodPairs,

        /// <summary>Any names (attributes, types), comma-separated; <c>none</c> for an empty list.</summary>
        Names,

        /// <summary>A whole number in a range.</summary>
        Integer,
    }

    /// <summary>
    /// One key detection reads from <c>.editorconfig</c> and the values it accepts. Which values are accepted is
    /// decided here the way <see cref="TallyOptions.Parse"/> decides what to ignore, so that a value the parser would
    /// silently drop is reported (TALLY008) instead.
    /// </summary>
    internal sealed class TallyOptionKey
    {
        private TallyOptionKey(string name, TallyOptionValueKind kind, ImmutableArray<string> words, int minimum, int maximum)
        {
            Name = name;
            Kind = kind;
            Words = words;
            Minimum = minimum;
            Maximum = maximum;
        }

        /// <summary>The key, e.g. <c>tally.evidence</c>.</summary>
        public string Name { get; }

        public TallyOptionValueKind Kind { get; }

        /// <summary>The accepted words of a <see cref="TallyOptionValueKind.Words"/> key (spelling variants included).</summary>
        public ImmutableArray<string> Words { get; }

        public int Minimum { get; }

        public int Maximum { get; }

        /// <summary>The accepted values, in words, for a diagnostic message.</summary>
        public string AcceptedValues => Kind switch
        {
            TallyOptionValueKind.Words => "one or more of " + string.Join(", ", Words) + " (comma-separated)",
            TallyOptionValueKind.Word => "one of " + string.Join(", ", Words),
            TallyOptionValueKind.Methods => "method names as Type.Method, comma-separated (the type simple or fully qualified)",
            TallyOptionValueKind.MethodPairs => "lock method pairs as Type.Enter|Type.Exit, comma-separated",
            TallyOptionValueKind.Names => "names, comma-separated, or none",
            _ => string.Format(CultureInfo.InvariantCulture, "a whole number from {0} to {1}", Minimum, Maximum),
        };

        public static TallyOptionKey OneOrMoreOf(string name, params string[] words)
            => new TallyOptionKey(name, TallyOptionValueKind.Words, ImmutableArray.Create(words), 0, 0);

        public static TallyOptionKey OneOf(string name, params string[] words)
            => new TallyOptionKey(name, TallyOptionValueKind.Word, ImmutableArray.Create(words), 0, 0);

        public static TallyOptionKey MethodList(string name) => new TallyOptionKey(name, TallyOptionValueKind.Methods, ImmutableArray<string>.Empty, 0, 0);

        public static TallyOptionKey MethodPairList(string name) => new TallyOptionKey(name, TallyOptionValueKind.MethodPairs, ImmutableArray<string>.Empty, 0, 0);

        public static TallyOptionKey NameList(string name) => new TallyOptionKey(name, TallyOptionValueKind.Names, ImmutableArray<string>.Empty, 0, 0);

        public static TallyOptionKey Integer(string name, int minimum, int maximum)
            => new TallyOptionKey(name, TallyOptionValueKind.Integer, ImmutableArray<string>.Empty, minimum, maximum);

        /// <summary>The parts of <paramref name="value"/> this key does not accept (the whole value when it is empty); empty when it is valid.</summary>
        public ImmutableArray<string> FindBadParts(string value)
        {
            var items = Split(value);
            if (items.Count == 0)
            {
                // An empty list: every kind but Names (which has "none") reads it as "nothing", which is never meant.
                return Kind == TallyOptionValueKind.Names ? ImmutableArray<string>.Empty : ImmutableArray.Create(value.Trim());
            }

            if (Kind == TallyOptionValueKind.Word && (items.Count != 1 || !Accepts(items[0])))
            {
                return ImmutableArray.Create(value.Trim());
            }

            if (Kind == TallyOptionValueKind.Integer)
            {
                var text = value.Trim();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= Minimum && number <= Maximum
                    ? ImmutableArray<string>.Empty
                    : ImmutableArray.Create(text);
            }

            var bad = ImmutableArray.CreateBuilder<string>();
            foreach (var item in items)
            {
                if (!Accepts(item))
                {
                    bad.Add(item);
                }
            }

            return bad.ToImmutable();
        }

        private bool Accepts(string item)
        {
            switch (Kind)
            {
                case TallyOptionValueKind.Words:
                case TallyOptionValueKind.Word:
                    foreach (var word in Words)
                    {
                        if (string.Equals(word, item, StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }

                    return false;
                case TallyOptionValueKind.Methods:
                    return item.IndexOf('|') < 0 && ConfiguredMethod.Parse(item).HasValue;
                case TallyOptionValueKind.MethodPairs:
                    var bar = item.IndexOf('|');
                    return bar > 0 && bar < item.Length - 1
                        && item.IndexOf('|', bar + 1) < 0
                        && ConfiguredMethod.Parse(item.Substring(0, bar)).HasValue
                        && ConfiguredMethod.Parse(item.Substring(bar + 1)).HasValue;
                default:
                    return true;
            }
        }

        /// <summary>The items of a list value, split and trimmed as <see cref="TallyOptions.Parse"/> splits them.</summary>
        private static List<string> Split(string text)
        {
            var items = new List<string>();
            foreach (var part in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    items.Add(trimmed);
                }
            }

            return items;
        }
    }
}
