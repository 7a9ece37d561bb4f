package render

import "github.com/pptpscope/pptpscope/session"

// shortPPTP abbreviates PPTP control message names as RFC 2637 readers,
// pptpd and Linux pptp logs do.
var shortPPTP = map[string]string{
	"Start-Control-Connection-Request": "SCCRQ",
	"Start-Control-Connection-Reply":   "SCCRP",
	"Stop-Control-Connection-Request":  "StopCCRQ",
	"Stop-Control-Connection-Reply":    "StopCCRP",
	"Echo-Request":                     "EchoRQ",
	"Echo-Reply":                       "EchoRP",
	"Outgoing-Call-Request":            "OCRQ",
	"Outgoing-Call-Reply":              "OCRP",
	"Incoming-Call-Request":            "ICRQ",
	"Incoming-Call-Reply":              "ICRP",
	"Incoming-Call-Connected":          "ICCN",
	"Call-Clear-Request":               "CCRQ",
	"Call-Disconnect-Notify":           "CDN",
	"WAN-Error-Notify":                 "WEN",
	"Set-Link-Info":                    "SLI",
}

// shortPPP abbreviates PPP control codes as pppd's debug log does.
var shortPPP = map[string]string{
	"Configure-Request":    "ConfReq",
	"Configure-Ack":        "ConfAck",
	"Configure-Nak":        "ConfNak",
	"Configure-Reject":     "ConfRej",
	"Terminate-Request":    "TermReq",
	"Terminate-Ack":        "TermAck",
	"Code-Reject":          "CodeRej",
	"Protocol-Reject":      "ProtRej",
	"Echo-Request":         "EchoReq",
	"Echo-Reply":           "EchoRep",
	"Discard-Request":      "DiscReq",
	"Identification":       "Ident",
	"Time-Remaining":       "TimeRem",
	"Reset-Request":        "ResetReq",
	"Reset-Ack":            "ResetAck",
	"Authenticate-Request": "AuthReq",
	"Authenticate-Ack":     "AuthAck",
	"Authenticate-Nak":     "AuthNak",
	"Callback-Request":     "CbReq",
	"Callback-Response":    "CbResp",
	"Callback-Ack":         "CbAck",
}

// MessageLabel is the protocol and message name of a record for tables:
// "LCP Configure-Request", or abbreviated "LCP ConfReq" when full is false.
func MessageLabel(r *session.Record, full bool) string {
	return r.Proto + " " + messageName(r, full)
}

// messageName is the record's message name, abbreviated ("ConfReq") when
// full is false and the name has a short form.
func messageName(r *session.Record, full bool) string {
	if !full {
		table := shortPPP
		if r.Proto == "PPTP" {
			table = shortPPTP
		}
		if s, ok := table[r.Msg]; ok {
			return s
		}
	}
	return r.Msg
}
