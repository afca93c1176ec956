using SecureLink.Host.Protocol;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Runs a rooms-layer call and turns its coded exceptions into protocol errors with the same code.</summary>
internal static class RoomErrors
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CodeException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
        catch (RoomException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
    }

    /// <summary>The same for a call that finishes at once.</summary>
    public static void Guard(Action call)
    {
        try
        {
            call();
        }
        catch (RoomException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
    }

    public static async Task Guard(Func<Task> call) =>
        await Guard(async () => { await call().ConfigureAwait(false); return true; }).ConfigureAwait(false);
}
