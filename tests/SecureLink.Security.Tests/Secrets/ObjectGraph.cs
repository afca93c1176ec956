using System.Reflection;
using System.Runtime.CompilerServices;

namespace SecureLink.Security.Tests.Secrets;

/// <summary>
/// Reflection over what an object keeps: its fields (private ones included), followed
/// transitively. For tests only: it reads the room's own memory the way a debugger would.
/// </summary>
public static class ObjectGraph
{
    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The value of a private field (searching base types).</summary>
    public static object? Field(object target, string name)
    {
        for (var t = target.GetType(); t is not null; t = t.BaseType)
            if (t.GetField(name, Fields | BindingFlags.DeclaredOnly) is { } f) return f.GetValue(target);
        throw new MissingFieldException(target.GetType().Name, name);
    }

    /// <summary>Every byte[], char[] and string reachable from <paramref name="root"/> (bounded, cycles followed once).</summary>
    public static List<object> Buffers(object root, int maxObjects = 200_000) => Buffers(root, null, maxObjects);

    /// <summary>Like <see cref="Buffers(object, int)"/>, and fills <paramref name="paths"/> with how each object was reached.</summary>
    public static List<object> Buffers(object root, Dictionary<object, string>? paths, int maxObjects = 200_000)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        paths?.TryAdd(root, root.GetType().Name);
        var found = new List<object>();
        var queue = new Queue<object>();
        queue.Enqueue(root);
        while (queue.Count > 0 && seen.Count < maxObjects)
        {
            var o = queue.Dequeue();
            if (!seen.Add(o)) continue;
            switch (o)
            {
                case byte[] or char[] or string:
                    found.Add(o);
                    continue;
                case Type or Assembly or MemberInfo or Delegate or Thread or SynchronizationContext or TaskScheduler:
                    continue; // code and runtime plumbing, not data the room keeps
                case var _ when IsOutside(o.GetType()):
                    continue;
                case Array array:
                    if (array.GetType().GetElementType()!.IsPrimitive) continue;
                    foreach (var item in array)
                    {
                        if (item is null) continue;
                        paths?.TryAdd(item, paths[o] + "[]");
                        queue.Enqueue(item);
                    }
                    continue;
            }
            for (var t = o.GetType(); t is not null && t != typeof(object); t = t.BaseType)
            {
                if (t.IsPrimitive || t.IsPointer) break;
                foreach (var f in t.GetFields(Fields | BindingFlags.DeclaredOnly))
                {
                    if (f.FieldType.IsPrimitive || f.FieldType.IsPointer || f.FieldType.IsEnum) continue;
                    object? v;
                    try { v = f.GetValue(o); }
                    catch (Exception e) when (e is NotSupportedException or FieldAccessException or ArgumentException) { continue; }
                    if (v is null || v.GetType().IsPrimitive || v.GetType().IsEnum) continue;
                    paths?.TryAdd(v, paths[o] + "." + f.Name);
                    queue.Enqueue(v);
                }
            }
        }
        return found;
    }

    /// <summary>
    /// The process-wide timer queue links every timer (so the walk would escape into the test's
    /// own locals), and the test and xunit are not the room's memory.
    /// </summary>
    private static bool IsOutside(Type t) =>
        t.Assembly == typeof(ObjectGraph).Assembly
        || t.Assembly.GetName().Name!.StartsWith("xunit", StringComparison.Ordinal)
        || t.FullName?.StartsWith("System.Threading.TimerQueue", StringComparison.Ordinal) == true;

    /// <summary>True when <paramref name="buffer"/> (byte[], char[] or string) contains <paramref name="needle"/> in its raw memory.</summary>
    public static bool Contains(object buffer, byte[] needle) => buffer switch
    {
        byte[] b => b.AsSpan().IndexOf(needle) >= 0,
        char[] c => System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.AsSpan()).IndexOf(needle) >= 0,
        string s => System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.AsSpan()).IndexOf(needle) >= 0,
        _ => false,
    };
}
