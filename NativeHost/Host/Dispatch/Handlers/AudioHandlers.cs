using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Voice.Devices;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Registers <c>audio.devices</c> and <c>audio.select</c> over the host's one set of call devices.</summary>
public static class AudioHandlers
{
    public static void Register(RequestDispatcher dispatcher, EnvironmentCallDevices devices)
    {
        dispatcher.Register("audio.devices", new AudioDevicesHandler(devices));
        dispatcher.Register("audio.select", new AudioSelectHandler(devices));
    }
}

/// <summary><c>audio.devices</c>: the microphones and speakers the options page may offer (may be empty lists).</summary>
public sealed class AudioDevicesHandler(EnvironmentCallDevices devices) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var lists = await PulseAudioDeviceList.ListAsync(devices.PulseServer, cancellationToken).ConfigureAwait(false);
        var response = new AudioDevicesResponse(request.Id,
            [.. lists.Inputs.Select(d => new AudioDevice(d.Id, d.Name))],
            [.. lists.Outputs.Select(d => new AudioDevice(d.Id, d.Name))]);
        return Reply.Of(response, HostJson.Context.AudioDevicesResponse);
    }
}

/// <summary><c>audio.select</c> {input, output}: the devices of the next call ("default" for the system's choice).</summary>
public sealed class AudioSelectHandler(EnvironmentCallDevices devices) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var input = RequestFields.RequireString(request.Body, "input");
        var output = RequestFields.RequireString(request.Body, "output");
        if (!devices.Select(input, output))
            throw new RequestException(ErrorCodes.WrongType, "input and output must be device ids from audio.devices, or \"default\".");
        return ValueTask.FromResult(Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse));
    }
}
