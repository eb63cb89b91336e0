// Package push sends Web Push notifications (RFC 8030) with VAPID (RFC 8292)
// and message encryption (RFC 8291), on top of webpush-go.
//
// It knows nothing of PocketBase: the caller keeps the subscriptions and the
// queue of pending notifications, and asks a Sender to deliver a batch. The
// Sender sends with bounded concurrency, retries briefly on 429 and 5xx, and
// tells the caller what to do next with each message (Outcome): forget it,
// delete the subscription, try again later, or drop it.
//
// Push endpoints come from browsers, that is from anyone: CheckEndpoint and the
// Sender's dialer refuse anything but https on public addresses, so a crafted
// subscription cannot make the server call into its own network.
//
// Payloads are small JSON objects (Payload) that never carry the text of a
// question or anything that identifies a worker: the phone fetches the rest
// over the API once the person opens the notification.
package push
