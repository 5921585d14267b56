import Contracts

/// A cancellation reason as a customer reads it, per template locale (`en` is the fallback).
public enum CancellationReasonText {
    /// The phrase for `reason` in `locale` (a resolved template locale).
    public static func text(_ reason: CancellationReason, locale: String) -> String {
        switch (reason, locale) {
        case (.outOfStock, "de"): "ein Artikel ist nicht mehr vorrätig"
        case (.outOfStock, _): "an item is out of stock"
        case (.paymentDeclined, "de"): "die Karte wurde abgelehnt"
        case (.paymentDeclined, _): "the card was declined"
        case (.paymentFailed, "de"): "die Zahlung ist fehlgeschlagen"
        case (.paymentFailed, _): "the payment failed"
        case (.reservationExpired, "de"): "die Reservierung ist abgelaufen, bevor die Zahlung einging"
        case (.reservationExpired, _): "the reservation expired before payment"
        case (.customerCancelled, "de"): "du hast sie storniert"
        case (.customerCancelled, _): "you cancelled it"
        case (.staffCancelled, "de"): "unser Team hat sie storniert"
        case (.staffCancelled, _): "our team cancelled it"
        case (.sagaTimeout, "de"): "sie konnte nicht rechtzeitig abgeschlossen werden"
        case (.sagaTimeout, _): "it could not be completed in time"
        }
    }
}
