using SecureLink.Host.Protocol;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>qr.decode</c>: a dropped or pasted image (PNG/JPEG, base64) → the QR code's text.</summary>
public sealed class QrDecodeHandler : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var base64 = RequestFields.RequireString(request.Body, "imageBase64");
        // A data: URL is what a browser hands out for a dropped file; accept it as is.
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',') : -1;
        byte[] image;
        try
        {
            image = Convert.FromBase64String(comma >= 0 ? base64[(comma + 1)..] : base64);
        }
        catch (FormatException)
        {
            throw new RequestException(ErrorCodes.ImageUnreadable, "Field 'imageBase64' is not valid base64.");
        }
        try
        {
            return ValueTask.FromResult(Reply.Of(new QrDecodeResponse(request.Id, QrDecoder.Decode(image)), HostJson.Context.QrDecodeResponse));
        }
        catch (CodeException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
    }
}
