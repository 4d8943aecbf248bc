using System.Numerics;
using Cairn.Cairo.Memory;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>find_element, search_sorted_lower and set_add (find_element.cairo, set.cairo; cairo-vm.md §7.3).</summary>
internal static class SearchHints
{
    public const string FindElement = "array_ptr = ids.array_ptr\nelm_size = ids.elm_size\nassert isinstance(elm_size, int) and elm_size > 0, \\\n    f'Invalid value for elm_size. Got: {elm_size}.'\nkey = ids.key\n\nif '__find_element_index' in globals():\n    ids.index = __find_element_index\n    found_key = memory[array_ptr + elm_size * __find_element_index]\n    assert found_key == key, \\\n        f'Invalid index found in __find_element_index. index: {__find_element_index}, ' \\\n        f'expected key {key}, found key: {found_key}.'\n    # Delete __find_element_index to make sure it's not used for the next calls.\n    del __find_element_index\nelse:\n    n_elms = ids.n_elms\n    assert isinstance(n_elms, int) and n_elms >= 0, \\\n        f'Invalid value for n_elms. Got: {n_elms}.'\n    if '__find_element_max_size' in globals():\n        assert n_elms <= __find_element_max_size, \\\n            f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n            f'Got: n_elms={n_elms}.'\n\n    for i in range(n_elms):\n        if memory[array_ptr + elm_size * i] == key:\n            ids.index = i\n            break\n    else:\n        raise ValueError(f'Key {key} was not found.')";
    public const string SearchSortedLower = "array_ptr = ids.array_ptr\nelm_size = ids.elm_size\nassert isinstance(elm_size, int) and elm_size > 0, \\\n    f'Invalid value for elm_size. Got: {elm_size}.'\n\nn_elms = ids.n_elms\nassert isinstance(n_elms, int) and n_elms >= 0, \\\n    f'Invalid value for n_elms. Got: {n_elms}.'\nif '__find_element_max_size' in globals():\n    assert n_elms <= __find_element_max_size, \\\n        f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n        f'Got: n_elms={n_elms}.'\n\nfor i in range(n_elms):\n    if memory[array_ptr + elm_size * i] >= ids.key:\n        ids.index = i\n        break\nelse:\n    ids.index = n_elms";
    public const string SetAdd = "assert ids.elm_size > 0\nassert ids.set_ptr <= ids.set_end_ptr\nelm_list = memory.get_range(ids.elm_ptr, ids.elm_size)\nfor i in range(0, ids.set_end_ptr - ids.set_ptr, ids.elm_size):\n    if memory.get_range(ids.set_ptr + i, ids.elm_size) == elm_list:\n        ids.index = i // ids.elm_size\n        ids.is_elm_in_set = 1\n        break\nelse:\n    ids.is_elm_in_set = 0";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(FindElement, FindElementBody);
        r.Register(SearchSortedLower, SearchSortedLowerBody);
        r.Register(SetAdd, SetAddBody);
    }

    private static BigInteger ElmSize(HintContext c, HintIds ids)
    {
        var elmSize = ids.Get(c, "elm_size");
        if (!elmSize.IsFelt || elmSize.Felt.IsZero) throw new HintException($"Invalid value for elm_size. Got: {elmSize}.");
        return elmSize.Felt.ToBigInteger();
    }

    private static long NElms(HintContext c, HintIds ids)
    {
        var nElms = ids.Get(c, "n_elms");
        if (!nElms.IsFelt || !nElms.Felt.TryToUInt64(out ulong n) || n > int.MaxValue) throw new HintException($"Invalid value for n_elms. Got: {nElms}.");
        if (ScopeValues.TryGetInt(c, "__find_element_max_size", out var max) && n > max)
        {
            throw new HintException($"find_element() can only be used with n_elms<={max}. Got: n_elms={n}.");
        }
        return (long)n;
    }

    private static Relocatable Element(Relocatable arrayPtr, BigInteger elmSize, BigInteger index)
    {
        var offset = elmSize * index;
        if (offset > long.MaxValue) throw new HintException($"element {index} is out of range");
        return arrayPtr.Add((long)offset);
    }

    private static void FindElementBody(HintContext c, HintIds ids)
    {
        var arrayPtr = ids.GetRelocatable(c, "array_ptr");
        var elmSize = ElmSize(c, ids);
        var key = ids.Get(c, "key");
        if (ScopeValues.TryGetInt(c, "__find_element_index", out var index))
        {
            ids.Set(c, "index", index);
            var found = c.Memory.Get(Element(arrayPtr, elmSize, index));
            if (found != key)
            {
                throw new HintException($"Invalid index found in __find_element_index. index: {index}, expected key {key}, found key: {found}.");
            }
            c.Scopes.Current.Remove("__find_element_index");
            return;
        }
        long n = NElms(c, ids);
        for (long i = 0; i < n; i++)
        {
            if (c.Memory.Get(Element(arrayPtr, elmSize, i)) == key)
            {
                ids.Set(c, "index", (ulong)i);
                return;
            }
        }
        throw new HintException($"Key {key} was not found.");
    }

    private static void SearchSortedLowerBody(HintContext c, HintIds ids)
    {
        var arrayPtr = ids.GetRelocatable(c, "array_ptr");
        var elmSize = ElmSize(c, ids);
        long n = NElms(c, ids);
        var key = IntOf(c, ids, "key");
        for (long i = 0; i < n; i++)
        {
            var v = c.Memory.Get(Element(arrayPtr, elmSize, i));
            if (!v.IsFelt) throw new HintException($"search_sorted_lower: cannot compare {v} with the key {key}");
            if (v.Felt.ToBigInteger() >= key)
            {
                ids.Set(c, "index", (ulong)i);
                return;
            }
        }
        ids.Set(c, "index", (ulong)n);
    }

    private static void SetAddBody(HintContext c, HintIds ids)
    {
        var elmSizeValue = IntOf(c, ids, "elm_size");
        if (elmSizeValue.IsZero || elmSizeValue > int.MaxValue) throw new HintException($"assert ids.elm_size > 0 failed: elm_size = {elmSizeValue}");
        int elmSize = (int)elmSizeValue;
        var setPtr = ids.GetRelocatable(c, "set_ptr");
        var setEndPtr = ids.GetRelocatable(c, "set_end_ptr");
        if (setPtr.Segment != setEndPtr.Segment || setPtr.Offset > setEndPtr.Offset)
        {
            throw new HintException($"assert ids.set_ptr <= ids.set_end_ptr failed: {setPtr} > {setEndPtr}");
        }
        var elmPtr = ids.GetRelocatable(c, "elm_ptr");
        var elm = new MaybeRelocatable[elmSize];
        for (int j = 0; j < elmSize; j++) elm[j] = c.Memory.Get(elmPtr.Add(j));
        long found = c.GetState<SetIndexes>().Find(c.Memory, setPtr, setEndPtr.Offset - setPtr.Offset, elm);
        if (found >= 0)
        {
            ids.Set(c, "index", (ulong)found);
            ids.Set(c, "is_elm_in_set", 1UL);
            return;
        }
        ids.Set(c, "is_elm_in_set", 0UL);
    }
}
