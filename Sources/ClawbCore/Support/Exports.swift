/// `JSONValue` lives in ClawbJSON so that the wire DTOs can share it without depending on the
/// domain; re-exported so domain code and its users see it as part of ClawbCore.
@_exported import ClawbJSON
