#!/usr/bin/env python3
"""Builds the five XCover OpenAPI documents in this directory from one shared base.

    python3 spec/generate.py          # rewrite spec/xcover-<version>.yaml
    python3 spec/generate.py --check  # exit 1 if a committed file differs from the output

The YAML files are the product and are committed; this script only keeps them consistent, so
that two versions differ exactly where the API reference says they differ. Every version
difference is a `Version` flag below. Needs Python 3.8+ and PyYAML. See spec/README.md.
"""

import copy
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------------------------
# Versions
# --------------------------------------------------------------------------------------------


def vkey(v):
    return tuple(int(p) for p in v.split("."))


class Version:
    def __init__(self, version):
        self.version = version
        k = vkey(version)
        # 2019 shapes (PHP SDK recordings) for the oldest document, 2021 shapes for the others.
        self.shapes_2019 = k < vkey("2.77.4")
        # Create quote: `extra_fields` query parameter, opt-out `quote_package_id` description.
        self.has_extra_fields_param = k >= vkey("2.107.2")
        self.opt_out_id_described = k >= vkey("2.107.2")
        # Opt-out and Create quote request bodies marked required.
        self.bodies_required = k >= vkey("2.138.1")
        # The regenerated (drf-spectacular style) document.
        self.regenerated = k >= vkey("2.152.1")

    @property
    def currency_schema(self):
        return "CurrencyEnum" if self.regenerated else "Currency"

    @property
    def security_scheme(self):
        return "HMACAuthentication" if self.regenerated else "HMACSignature"

    @property
    def title(self):
        if self.regenerated:
            return f"XCover API ({self.version})"
        return f"XCover API (v2 \u2013 {self.version})"


VERSIONS = ["2.16.0", "2.77.4", "2.107.2", "2.138.1", "2.152.1"]

# Currency enum. The full list is the newest one seen (2.138.1, 85 values). Older versions drop
# the codes the reference says were added later.
CURRENCIES_FULL = (
    "AED AFN ARS AUD AZN BAM BDT BGN BHD BRL BSD BYN CAD CHF CLP CNY COP CRC CZK DJF DKK EGP ERN "
    "ETB EUR FJD GBP GEL GTQ HKD HNL HRK HUF IDR ILS INR IQD ISK JOD JPY KES KHR KRW KWD KZT LAK "
    "LBP LKR MAD MKD MUR MVR MXN MYR NGN NOK NPR NZD OMR PEN PHP PKR PLN QAR RON RSD RUB SAR SDG "
    "SEK SGD SYP THB TJS TRY TWD UAH UGX USD UYU UZS VND XPF YER ZAR"
).split()
ADDED_IN_2_107_2 = ["AFN", "AZN"]
ADDED_IN_2_138_1 = "BAM BYN DJF ERN ETB FJD GEL IQD KES KHR LAK LBP LKR MVR".split()
VISIBLE_2_77_4 = (
    "AED ARS AUD BDT BGN BHD BRL BSD CAD CHF CLP CNY COP CRC CZK DKK EGP EUR GBP GTQ HKD HNL HRK "
    "HUF IDR ILS INR ISK JOD JPY KRW KWD KZT MAD MKD MUR MXN"
).split()
assert len(CURRENCIES_FULL) == 85


def currencies(v):
    k = vkey(v.version)
    out = list(CURRENCIES_FULL)
    if k < vkey("2.138.1"):
        out = [c for c in out if c not in ADDED_IN_2_138_1]
    if k < vkey("2.107.2"):
        out = [c for c in out if c not in ADDED_IN_2_107_2]
    return out


assert [c for c in currencies(Version("2.77.4")) if c <= "MXN"] == VISIBLE_2_77_4

# ISO 3166-1 alpha-2, ordered by English short name like the rendered reference's list.
COUNTRIES = (
    "AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BQ BA BW "
    "BV BR IO BN BG BF BI CV KH CM CA KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CW CY CZ "
    "DK DJ DM DO EC EG SV GQ ER EE SZ ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP "
    "GU GT GG GN GW GY HT HM VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KW KG "
    "LA LV LB LS LR LY LI LT LU MO MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ "
    "MM NA NR NP NL NC NZ NI NE NG NU NF KP MK MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA "
    "RE RO RU RW BL SH KN LC MF PM VC WS SM ST SA SN RS SC SL SG SX SK SI SB SO ZA GS KR SS ES "
    "LK SD SR SJ SE CH SY TW TJ TZ TH TL TG TK TO TT TN TR TM TC TV UG UA AE GB UM US UY UZ VU "
    "VE VN VG VI WF EH YE ZM ZW"
).split()
assert len(COUNTRIES) == 249 and len(set(COUNTRIES)) == 249
assert COUNTRIES[:35] == (
    "AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BQ BA BW "
    "BV BR IO BN BG"
).split()

WEBHOOK_EVENTS = [
    ("BOOKING_CREATED", "BookingCreatedWebhook", "BookingWebhookPayload",
     "Sent when a booking is created through an API request."),
    ("BOOKING_UPDATED", "BookingUpdatedWebhook", "BookingWebhookPayload",
     "Sent whenever a booking is updated through an API request."),
    ("BOOKING_CANCELLED", "BookingCancelledWebhook", "BookingWebhookPayload",
     "Sent when a booking is cancelled through an API request."),
    ("RENEWAL_CREATED", "RenewalCreatedWebhook", "RenewalWebhookPayload",
     "Tells the partner that a policy has been renewed."),
    ("RENEWAL_NOTIFICATION", "RenewalNotificationWebhook", "RenewalWebhookPayload",
     "Tells the partner that a renewal is approaching."),
    ("RENEWAL_DUE", "RenewalDueWebhook", "RenewalWebhookPayload",
     "Sent on the renewal due date. The policy can still be renewed until the end of the grace "
     "period (`expiry_date`)."),
    ("RENEWAL_EXPIRED", "RenewalExpiredWebhook", "RenewalWebhookPayload",
     "Sent on the renewal expiry date. After this event the policy can no longer be renewed."),
]

IDEMPOTENCY_HEADER = "x-idempotency-key"


# --------------------------------------------------------------------------------------------
# Schema helpers
# --------------------------------------------------------------------------------------------


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def with_desc(schema, description):
    if description:
        schema = dict(schema)
        schema["description"] = description
    return schema


def s_string(description=None, **kw):
    return with_desc({"type": "string", **kw}, description)


def s_int(description=None):
    return with_desc({"type": "integer"}, description)


def s_bool(description=None):
    return with_desc({"type": "boolean"}, description)


def s_money(description=None):
    """A monetary amount the API sends as a JSON number."""
    return with_desc({"type": "number", "format": "decimal"}, description)


def s_money_string(description=None):
    """A monetary amount (or other decimal) the API sends as a decimal string."""
    return with_desc({"type": "string", "format": "decimal"}, description)


def s_formatted(what="the amount"):
    return s_string(f"{what}, localised with the currency symbol (display only).")


def s_datetime(description=None):
    return s_string(description, format="date-time")


def s_date(description=None):
    return s_string(description, format="date")


def s_uuid(description=None):
    return s_string(description, format="uuid")


def s_uri(description=None):
    return s_string(description, format="uri")


def s_array(items, description=None):
    return with_desc({"type": "array", "items": items}, description)


def s_free_object(description=None):
    return with_desc({"type": "object", "additionalProperties": True}, description)


def nullable(schema):
    """nullable: true. A $ref can't carry siblings in OpenAPI 3.0, so it is wrapped in allOf."""
    schema = dict(schema)
    if "$ref" in schema:
        target = schema.pop("$ref")
        schema = {"allOf": [{"$ref": target}], **schema}
    schema["nullable"] = True
    return schema


def s_unknown_null(description):
    """A field only ever seen as null: its type is unknown, so any JSON value is accepted."""
    return {"description": description, "nullable": True}


def obj(properties, required=(), description=None, additional=None, title=None):
    """An object schema. `required` lists property names that must be present."""
    for r in required:
        assert r in properties, f"required property {r!r} not declared"
    out = {}
    if title:
        out["title"] = title
    out["type"] = "object"
    if description:
        out["description"] = description
    if required:
        out["required"] = list(required)
    out["properties"] = properties
    if additional is not None:
        out["additionalProperties"] = additional
    return out


def only(cond, items):
    """Properties (a dict) that exist only when `cond` holds."""
    return items if cond else {}


# --------------------------------------------------------------------------------------------
# Component schemas
# --------------------------------------------------------------------------------------------


def schemas(v):
    s19 = v.shapes_2019
    s21 = not s19
    cur = v.currency_schema
    S = {}

    # ---- enums and small shared types ----
    S[cur] = {
        "title": cur,
        "type": "string",
        "description": "ISO 4217 three-letter currency code accepted by the API.",
        "enum": currencies(v),
    }
    S["CustomerCountry"] = {
        "title": "Customer country",
        "type": "string",
        "description": "ISO 3166-1 alpha-2 country code.",
        "enum": COUNTRIES,
    }
    S["QuoteStatus"] = {
        "type": "string",
        "description": (
            "Status of a quote package, a booking or one of their quotes.\n\n"
            "- `RECEIVED`: quoted; not a live policy yet, but it can be booked.\n"
            "- `CONFIRMED`: booked and paid; may be active or expired.\n"
            "- `CANCELLED`: cancelled; cannot be claimed on or modified.\n"
            "- `DELETED`: rare; the quote or booking was removed.\n"
            "- `PENDING_PAYMENT`: booked with `require_payment_confirmation`, waiting for "
            "Confirm booking.\n"
            "- `FAILED`: the quote failed.\n"
            "- `RENEWED`: an earlier booking that has been renewed.\n"
            "- `OPTED_OUT`: the customer bought the main product without insurance (Opt-out). "
            "Not in the documented list, but returned by the API for a quote package after "
            "opt-out."
        ),
        "enum": ["RECEIVED", "CONFIRMED", "CANCELLED", "DELETED", "PENDING_PAYMENT", "FAILED",
                 "RENEWED", "OPTED_OUT"],
    }
    S["PartnerMetadataValue"] = {
        "description": "A partner metadata value: string, number, boolean or null (no objects "
                       "or arrays).",
        "nullable": True,
        "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}],
    }
    S["PartnerMetadata"] = {
        "title": "Partner metadata",
        "type": "object",
        "description": "Free-form data the partner attaches, e.g. `{\"extras_purchased\": true}`. "
                       "Keys are any string; values are strings, numbers, booleans or null.",
        "additionalProperties": ref("PartnerMetadataValue"),
    }

    # ---- errors ----
    S["Error"] = obj(
        {
            "type": s_string("Error type. Real validation errors say `validation_error`."),
            "message": s_string("Human-readable summary, e.g. `An API error occurred.`"),
            "code": s_string("Error code. Documented, but absent from every real error seen."),
            "href": s_string("Link to documentation. Documented, but absent from every real "
                             "error seen."),
            "errors": ref("ErrorDetails"),
        },
        description=(
            "Body of a 4xx answer. Real errors carry `type`, `message` and `errors` only; "
            "`code` and `href` are documented but never sent."
        ),
    )
    # The schema keeps the API's documented name; its Rust type must not clash with the SDK's
    # own `Error` type.
    S["Error"]["x-rust-name"] = "ApiError"
    S["ErrorDetails"] = {
        "description": (
            "What went wrong. Either a map from field name to a detail (a message, a list of "
            "messages, or a nested map for nested fields), e.g. "
            "`{\"currency\": [\"This field is required.\"]}` or "
            "`{\"policyholder\": {\"phone\": [\"...\"]}}`, or a plain list of messages, e.g. "
            "`[\"BOOKING_CANCELLED email can be only triggered for CANCELLED bookings.\"]`."
        ),
        "oneOf": [
            {"type": "object", "additionalProperties": ref("ErrorDetailValue")},
            {"type": "array", "items": {"type": "string"}},
        ],
    }
    S["ErrorDetailValue"] = {
        "description": "One entry of an error map: a message, a list of messages, or a nested "
                       "map (for errors inside nested objects).",
        "oneOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": ref("ErrorDetailValue")},
        ],
    }

    # ---- policy ----
    S["PolicyContentItem"] = obj(
        {"title": s_string(), "description": s_string()},
        required=["title", "description"],
        description="One inclusion or exclusion of a policy.",
    )
    S["PolicyContent"] = obj(
        {
            "title": s_string(),
            "header": nullable(s_string()),
            "description": s_string(),
            "optout_msg": s_string("Text (HTML) to show when the customer declines the cover."),
            "inclusions": s_array(ref("PolicyContentItem"),
                                  "Only in list results; quote and booking responses trim it."),
            "exclusions": s_array(ref("PolicyContentItem"),
                                  "Only in list results; quote and booking responses trim it."),
            "disclaimer": s_string("May contain HTML."),
            **only(s21, {
                "disclaimer_html": s_string("Only in list results."),
                "payment_disclaimer": nullable(s_string("Only in list results.")),
                "in_path_disclaimer": nullable(s_string("Only in list results.")),
            }),
        },
        description=(
            "Customer-facing texts of a policy. Every field is optional: quote and booking "
            "responses return a trimmed set, list results the full set, and renewal quotes "
            "may return `{}`."
        ),
    )
    S["Underwriter"] = obj(
        {"disclaimer": s_string(), "name": s_string()},
        required=["disclaimer", "name"],
    )
    S["Policy"] = obj(
        {
            "policy_type": s_string("Product, e.g. `event_ticket_protection`, `travel_medical`."),
            **only(s21, {"policy_type_group_name": s_string("Product group, e.g. `event`.")}),
            "policy_name": s_string(),
            "policy_code": s_string("e.g. `ETIX01`."),
            "policy_version": s_uuid(),
            "category": nullable(s_string()),
            "content": ref("PolicyContent"),
            "underwriter": ref("Underwriter"),
            **only(s21, {
                "claim_selector_id": nullable(s_string("Sometimes `\"\"`, sometimes null.")),
                "show_benefits": s_bool("Seen only in the guide's renewal sample."),
            }),
        },
        required=["policy_type", "policy_name", "policy_code", "policy_version", "category",
                  "content", "underwriter"],
        description="The insurance product behind a quote.",
    )

    # ---- money breakdowns ----
    S["TaxItem"] = obj(
        {
            "tax_amount": s_money(),
            "tax_code": s_string("e.g. `IPT`, `Admin. fee`."),
            "tax_amount_formatted": s_formatted("`tax_amount`"),
        },
        required=["tax_amount", "tax_code", "tax_amount_formatted"],
    )
    S["Tax"] = obj(
        {
            "total_tax": s_money(),
            "total_amount_without_tax": s_money(),
            "total_tax_formatted": s_formatted("`total_tax`"),
            "total_amount_without_tax_formatted": s_formatted("`total_amount_without_tax`"),
            "taxes": s_array(ref("TaxItem")),
        },
        required=["total_tax", "total_amount_without_tax", "total_tax_formatted",
                  "total_amount_without_tax_formatted", "taxes"],
        description="Taxes included in a quote's price. Amounts are JSON numbers.",
    )
    S["Commission"] = obj(
        {
            **only(s21, {
                "partner_commission": nullable(s_money()),
                "partner_commission_formatted": nullable(s_formatted("`partner_commission`")),
                "surcharge_commission": nullable(s_money()),
                "surcharge_commission_formatted": nullable(
                    s_formatted("`surcharge_commission`")),
            }),
            "total_commission": s_money(),
            "total_commission_formatted": s_formatted("`total_commission`"),
        },
        required=["total_commission", "total_commission_formatted"],
    )
    S["Benefit"] = obj(
        {
            "description": s_string(),
            "limit": s_money("Limit in the quote currency."),
            "limit_policy_currency": s_money("Limit in the policy's own currency."),
            "limit_formatted": s_formatted("`limit`"),
            "limit_policy_currency_formatted": s_formatted("`limit_policy_currency`"),
            "limit_description": s_string(),
            "limit_per_unit": s_money(),
            "limit_per_unit_policy_currency": s_money(),
            "limit_per_unit_formatted": s_formatted("`limit_per_unit`"),
            "limit_per_unit_policy_currency_formatted": s_formatted(
                "`limit_per_unit_policy_currency`"),
            "excess": s_money("Excess in the quote currency."),
            "excess_policy_currency": s_money("Excess in the policy's own currency."),
            "excess_formatted": s_formatted("`excess`"),
            "excess_policy_currency_formatted": s_formatted("`excess_policy_currency`"),
            "excess_description": s_string(),
        },
        description="One benefit of a policy. Every field is optional and appears only when "
                    "set.",
    )
    if s21:
        S["Surcharge"] = obj(
            {
                "total_amount": nullable(s_money()),
                "total_amount_formatted": nullable(s_formatted("`total_amount`")),
                "surcharges": nullable(s_array({}, "Item shape not documented.")),
            },
            required=["total_amount", "total_amount_formatted", "surcharges"],
        )
        S["InstalmentPlan"] = obj(
            {
                "name": s_string("Plan name to send as `instalment_plan` when booking, e.g. "
                                 "`1year-monthly`."),
                "label": s_string("e.g. `1Year-Monthly`."),
                "amount": s_money("Amount of each instalment."),
                "first_instalment_amount": s_money("Documented; absent in real responses."),
            },
            required=["name", "label", "amount"],
            description="An instalment plan offered for a quote.",
        )

    # ---- people ----
    S["Insured"] = obj(
        {
            "id": s_uuid(),
            "first_name": s_string(),
            "middle_name": nullable(s_string()),
            "last_name": s_string(),
            "email": nullable(s_string(format="email")),
            "phone": nullable(s_string()),
            "age": nullable(s_int()),
            "birth_date": nullable(s_date()),
            "country": nullable(s_string("ISO 3166-1 alpha-2.")),
            "region": nullable(s_string()),
            "address1": nullable(s_string()),
            "address2": nullable(s_string()),
            "city": nullable(s_string()),
            "postcode": nullable(s_string()),
            "metadata": s_free_object(),
        },
        description=(
            "A person covered by a quote. Which fields come back depends on the product and on "
            "what was sent; renewal quotes may even return `{}`, so every field is optional."
        ),
    )
    S["InsuredRequest"] = obj(
        {
            "first_name": s_string(),
            "middle_name": s_string(),
            "last_name": s_string(),
            "email": s_string(format="email"),
            "phone": s_string("`+<country code><number>`."),
            "age": s_int(),
            "birth_date": s_date(),
            "country": s_string("ISO 3166-1 alpha-2."),
            "region": nullable(s_string()),
            "address1": s_string(),
            "address2": s_string(),
            "city": s_string(),
            "postcode": s_string(),
            "metadata": s_free_object(),
        },
        description="A person to cover, as sent when booking. Which fields a product needs "
                    "depends on the product.",
        additional=False,
    )
    ph_common = {
        "first_name": s_string(),
        "middle_name": s_string(),
        "last_name": s_string(),
        "email": s_string(format="email"),
        "phone": s_string("`+<country code><number>`, e.g. `+61412345678`; must start "
                          "with `+`."),
        "age": s_int(),
        "birth_date": s_date(),
        "country": s_string("ISO 3166-1 alpha-2."),
        "region": nullable(s_string()),
        "address1": s_string(),
        "address2": s_string(),
        "city": s_string(),
        "postcode": s_string(),
        "secondary_email": s_string(format="email"),
        "company": s_string(),
    }
    S["PolicyholderRequest"] = obj(
        copy.deepcopy(ph_common),
        required=["first_name", "last_name", "email"],
        description="The customer buying the policy, as sent when booking.",
        additional=False,
    )
    S["PolicyholderUpdate"] = obj(
        copy.deepcopy(ph_common),
        description="Policyholder fields to change (Update booking); send only those to change.",
        additional=False,
    )
    S["Policyholder"] = obj(
        {
            "first_name": s_string(),
            **only(s21, {"middle_name": nullable(s_string())}),
            "last_name": s_string(),
            "email": s_string(format="email"),
            "phone": nullable(s_string()),
            "country": s_string("ISO 3166-1 alpha-2."),
            "age": nullable(s_int()),
            "address1": nullable(s_string()),
            "address2": nullable(s_string()),
            "city": nullable(s_string()),
            "postcode": nullable(s_string()),
            "region": nullable(s_string()),
            "secondary_email": nullable(s_string(format="email")),
            "birth_date": nullable(s_date()),
            "company": nullable(s_string()),
            **only(s21, {"allow_updates": s_bool()}),
        },
        required=["first_name", "last_name", "email", "phone", "country", "age", "address1",
                  "address2", "city", "postcode", "region", "secondary_email", "birth_date",
                  "company"],
        description="The customer who bought the policy.",
    )

    # ---- partner ----
    if s21:
        S["PartnerEmail"] = obj(
            {
                "id": s_uuid(),
                "from_email": s_string(),
                "bcc_email": s_string(),
                "email_slug": s_string(),
                "email_version": s_int(),
                "event_name": s_int("Integer code of the event, e.g. `0`."),
                "include_partner_in_context": s_bool(),
                "attach_coi": s_bool(),
                "auto_send": s_unknown_null("Only null seen; type not documented."),
                "enable_expression": s_unknown_null("Only null seen; type not documented."),
            },
            # Partner configuration, never counted in the 2019 recordings, and real staging
            # traffic has an entry without `attach_coi`: nothing is required (see README).
            description="An email the partner has configured. Which fields are set depends on "
                        "the partner's configuration, so every field is optional.",
        )
    S["Partner"] = obj(
        {
            "id": s_string("Partner code."),
            **only(s21, {"slug": s_string()}),
            "name": s_string(),
            "title": s_string(),
            "logo": s_uri(),
            "contact_url": s_uri(),
            "partner_url": nullable(s_uri()),
            "help_center_url": nullable(s_uri()),
            "updated_at": s_datetime(),
            **only(s21, {
                "xpay_refund_enabled": s_bool(),
                "emails": s_array(ref("PartnerEmail")),
                "attributes": s_free_object(),
            }),
            "subsidiary": ref("Partner"),
        },
        required=["id", "name", "title", "logo", "contact_url", "partner_url",
                  "help_center_url", "updated_at"],
        description="The partner that sold the booking. Returned by some GET responses.",
    )

    # ---- quote package ----
    quote_common = {
        "id": s_uuid("Quote id."),
        "policy_start_date": s_datetime(),
        "policy_end_date": s_datetime(),
        "status": ref("QuoteStatus"),
        "price": s_money(),
        "price_formatted": s_formatted("`price`"),
        "policy": ref("Policy"),
        "insured": nullable(s_array(ref("Insured"), "Null when no insured persons were sent.")),
        "tax": ref("Tax"),
        "duration": s_string("Cover duration as `[D ]HH:MM:SS[.ffffff]`, e.g. `9 13:14:46`."),
        "benefits": s_array(ref("Benefit")),
        "commission": ref("Commission"),
        "created_at": s_datetime(),
        "confirmed_at": nullable(s_datetime()),
        "updated_at": s_datetime(),
        "cancelled_at": nullable(s_datetime()),
        "is_renewable": s_bool(),
        **only(s21, {"is_pricebeat_enabled": nullable(s_bool())}),
        "cover_amount": nullable(s_money()),
        "cover_amount_formatted": nullable(s_formatted("`cover_amount`")),
        **only(s19, {"pending_renewal": nullable(s_free_object("Always null in 2019 "
                                                               "responses."))}),
        "pds_url": s_uri("Product disclosure statement."),
        **only(s21, {
            "attachments": s_array({}, "Item shape not documented."),
            "files": s_array({}, "Item shape not documented."),
            "extra_fields": s_free_object("Product-specific extra fields."),
            "surcharge": nullable(ref("Surcharge")),
        }),
    }
    quote_required = ["id", "policy_start_date", "policy_end_date", "status", "price",
                      "price_formatted", "policy", "insured", "tax", "duration", "benefits",
                      "commission", "created_at", "confirmed_at", "updated_at", "cancelled_at",
                      "is_renewable", "cover_amount", "cover_amount_formatted", "pds_url"]
    if s19:
        quote_required.append("pending_renewal")

    S["Quote"] = obj(
        {
            **copy.deepcopy(quote_common),
            "discount_price": s_money(),
            "discount_price_formatted": s_formatted("`discount_price`"),
            "discount_amount": s_money(),
            "discount_amount_formatted": s_formatted("`discount_amount`"),
            **only(s21, {"instalment_plans": s_array(ref("InstalmentPlan"),
                                                     "Empty when the product has none.")}),
        },
        required=quote_required + ["discount_price", "discount_price_formatted",
                                   "discount_amount", "discount_amount_formatted"],
        description="One quote of a quote package.",
    )
    S["QuotePackage"] = obj(
        {
            "id": s_string("Quote package id, the INS number, e.g. `33K6D-WBHLY-INS`."),
            "status": ref("QuoteStatus"),
            "currency": ref(cur),
            "total_price": s_money(),
            "total_price_formatted": s_formatted("`total_price`"),
            "partner_transaction_id": nullable(s_string()),
            "created_at": s_datetime(),
            "updated_at": s_datetime(),
            "pds_url": s_uri(),
            **only(s21, {"security_token": s_string()}),
            "quotes": {
                "description": (
                    "The quotes, in request order. The API sends a JSON object keyed by "
                    "index (`{\"0\": {...}, \"1\": {...}}`), not the documented array; both "
                    "forms are accepted (`x-index-keyed-array`)."
                ),
                "x-index-keyed-array": True,
                "oneOf": [
                    {"type": "array", "items": ref("Quote")},
                    {"type": "object", "additionalProperties": ref("Quote")},
                ],
            },
            "bundle_code": nullable(s_string()),
            "bundle_price": s_money(),
            "bundle_content": s_free_object(),
            "bundle_price_formatted": s_formatted("`bundle_price`"),
            "bundle_discount_percent": {"type": "number"},
            "bundle_discount_amount": s_money(),
            "bundle_discount_amount_formatted": s_formatted("`bundle_discount_amount`"),
            **only(s21, {"errors": {
                "allOf": [ref("ErrorDetails")],
                "description": "Logic errors of a successful request; `{}` when there are none.",
            }}),
        },
        required=["id", "status", "currency", "total_price", "total_price_formatted",
                  "partner_transaction_id", "created_at", "updated_at", "pds_url", "quotes",
                  "bundle_code", "bundle_price", "bundle_content", "bundle_price_formatted",
                  "bundle_discount_percent", "bundle_discount_amount",
                  "bundle_discount_amount_formatted"],
        description="A quote package: the answer to Create quote, Get quote, Update quote, "
                    "Add quotes and Delete quotes.",
    )

    # ---- bookings ----
    S["CoiLinks"] = obj(
        {"url": s_uri("Certificate of insurance (web page)."),
         "pdf": s_uri("Certificate of insurance (PDF).")},
        required=["url", "pdf"],
        description="Links to the certificate of insurance.",
    )
    bq_props = copy.deepcopy(quote_common)
    # Seen null in list results (2019).
    bq_props["policy_end_date"] = nullable(s_datetime())
    bq_props["duration"] = nullable(bq_props["duration"])
    bq_props.update({
        "can_be_cancelled": s_bool("Check before calling Cancel booking."),
        **only(s21, {"next_renewal": nullable(s_free_object("Only null seen; shape not "
                                                            "documented."))}),
        "price_diff": s_money("Quote for update and Confirm update only."),
        "price_diff_formatted": s_formatted("`price_diff`"),
    })
    S["BookingQuote"] = obj(
        bq_props,
        required=quote_required + ["can_be_cancelled"],
        description="One quote of a booking.",
    )
    S["Booking"] = obj(
        {
            "id": s_string("Booking id (the quote package's INS number)."),
            "status": ref("QuoteStatus"),
            "currency": ref(cur),
            "total_price": s_money(),
            "total_price_formatted": s_formatted("`total_price`"),
            "partner_transaction_id": nullable(s_string()),
            "created_at": s_datetime(),
            "updated_at": s_datetime(),
            "pds_url": s_uri(),
            **only(s21, {"security_token": s_string()}),
            "quotes": s_array(ref("BookingQuote"), "A real JSON array (unlike QuotePackage)."),
            "coi": ref("CoiLinks"),
            "account_url": s_uri("Customer account page."),
            "policyholder": ref("Policyholder"),
            "total_tax": s_money(),
            "total_tax_formatted": s_formatted("`total_tax`"),
            "total_premium": s_money("`total_price` minus `total_tax`."),
            "total_premium_formatted": s_formatted("`total_premium`"),
            "customer_language": s_string("Only in Get booking."),
            "partner": ref("Partner"),
            "update_id": s_string("Quote for update only: pass it to Confirm update."),
            "total_price_diff": s_money("Quote for update and Confirm update only."),
            "total_price_diff_formatted": s_formatted("`total_price_diff`"),
            **only(s21, {"errors": {
                "allOf": [ref("ErrorDetails")],
                "description": "Logic errors; check that it is empty after booking.",
            }}),
        },
        required=["id", "status", "currency", "total_price", "total_price_formatted",
                  "partner_transaction_id", "created_at", "updated_at", "pds_url", "quotes",
                  "coi", "account_url", "policyholder", "total_tax", "total_tax_formatted",
                  "total_premium", "total_premium_formatted"],
        description="A booking: the quote package once booked.",
    )
    S["BookingList"] = obj(
        {
            "count": s_int("Total number of bookings."),
            "next": nullable(s_uri("Next page.")),
            "previous": nullable(s_uri("Previous page.")),
            "results": s_array(ref("Booking")),
        },
        required=["count", "next", "previous", "results"],
        description="One page of bookings.",
    )
    S["CancelledQuote"] = obj(
        {
            "id": s_uuid("Quote id."),
            "policy_start_date": s_datetime(),
            "policy_end_date": s_datetime(),
            "policy_cancellation_date": nullable(s_datetime("Null in a preview.")),
            "policy_coolingoff_date": s_datetime(),
            "status": ref("QuoteStatus"),
            "price": s_money(),
            "refund_value": s_money(),
            "adjustment_fee": s_money(),
            "refund_type": s_string("e.g. `full_refund`."),
            "policy": ref("Policy"),
            "insured": nullable(s_array(ref("Insured"))),
            "created_at": s_datetime(),
            "confirmed_at": s_datetime(),
            "updated_at": s_datetime(),
            "cancelled_at": nullable(s_datetime()),
            **only(s21, {"commission": nullable(ref("Commission"))}),
        },
        required=["id", "policy_start_date", "policy_end_date", "policy_cancellation_date",
                  "policy_coolingoff_date", "status", "price", "refund_value", "adjustment_fee",
                  "policy", "insured", "created_at", "confirmed_at", "updated_at",
                  "cancelled_at"],
        description="One quote of a cancellation response.",
    )
    S["CancellationResponse"] = obj(
        {
            "id": s_string("Booking id."),
            "status": ref("QuoteStatus"),
            "quotes": s_array(ref("CancelledQuote")),
            "policyholder": ref("Policyholder"),
            "pds_url": s_uri(),
            "coi": ref("CoiLinks"),
            "created_at": s_datetime(),
            "updated_at": s_datetime(),
            "total_price": s_money(),
            "total_price_formatted": s_formatted("`total_price`"),
            "total_refund": s_money(),
            "total_refund_formatted": s_formatted("`total_refund`"),
            "total_tax": s_money(),
            "total_tax_formatted": s_formatted("`total_tax`"),
            "total_premium": s_money(),
            "total_premium_formatted": s_formatted("`total_premium`"),
            "currency": ref(cur),
            "cancellation_id": nullable(s_string("Set for a preview only: pass it to Confirm "
                                                 "cancellation.")),
            "confirm_before": nullable(s_datetime("Set for a preview only.")),
            **only(s21, {"partner": ref("Partner")}),
        },
        required=["id", "status", "quotes", "policyholder", "pds_url", "coi", "created_at",
                  "updated_at", "total_price", "total_price_formatted", "total_refund",
                  "total_refund_formatted", "total_tax", "total_tax_formatted",
                  "total_premium", "total_premium_formatted", "currency", "cancellation_id",
                  "confirm_before"],
        description=(
            "Answer to Cancel booking and Confirm cancellation. Even a preview reports "
            "`status: CANCELLED` although nothing is cancelled until it is confirmed."
        ),
    )

    # ---- instalments ----
    if s21:
        S["InstalmentTaxItem"] = obj(
            {
                "tax_code": s_string(),
                "tax_type": s_string("`FIXED_VALUE` or `PERCENTAGE` seen."),
                "tax_label": s_string(),
                "tax_value": s_money_string("Rate or fixed value, as a decimal string."),
                "tax_amount": s_money_string("Decimal string, e.g. `\"0.09\"`."),
                "tax_amount_formatted": s_formatted("`tax_amount`"),
            },
            required=["tax_code", "tax_type", "tax_label", "tax_value", "tax_amount",
                      "tax_amount_formatted"],
        )
        S["InstalmentTax"] = obj(
            {
                "taxes": s_array(ref("InstalmentTaxItem")),
                "total_tax": s_money_string(),
                "total_tax_formatted": s_formatted("`total_tax`"),
                "total_amount_without_tax": s_money_string(),
                "total_amount_without_tax_formatted": s_formatted("`total_amount_without_tax`"),
            },
            required=["taxes", "total_tax", "total_tax_formatted", "total_amount_without_tax",
                      "total_amount_without_tax_formatted"],
            description="Taxes of one instalment. Unlike `Tax`, amounts are decimal strings.",
        )
        S["InstalmentPayment"] = obj(
            {
                "id": s_uuid(),
                "number": s_int("Instalment number."),
                "quote": s_uuid("Quote id."),
                "period_start_date": s_datetime(),
                "period_end_date": s_datetime(),
                "status": s_string("`PAID` and `UNPAID` seen."),
                "commission": s_money(),
                "total_amount": s_money(),
                "tax": ref("InstalmentTax"),
                "surcharges": s_free_object(),
                "payment_failures": nullable(s_array({}, "Item shape not documented.")),
            },
            required=["id", "number", "quote", "period_start_date", "period_end_date",
                      "status", "commission", "total_amount", "tax"],
            description="One scheduled instalment payment.",
        )
        S["InstalmentQuote"] = obj(
            {
                "id": s_uuid("Quote id."),
                "next_payment": nullable(ref("InstalmentPayment")),
                "paid_until": s_datetime(),
                "payment_schedule": s_array(ref("InstalmentPayment")),
                "total_amount_paid": s_money(),
                "total_amount_due": s_money(),
            },
            required=["id", "next_payment", "paid_until", "payment_schedule",
                      "total_amount_paid", "total_amount_due"],
        )
        S["InstalmentsResponse"] = obj(
            {
                "quotes": s_array(ref("InstalmentQuote")),
                "currency": ref(cur),
            },
            required=["quotes", "currency"],
            description="Instalment details of a booking, with the payment schedule.",
        )

    # ---- renewals ----
    if s21:
        rq = copy.deepcopy(bq_props)
        S["RenewalQuoteItem"] = obj(
            rq,
            required=["id", "status"],
            description=(
                "One quote of a renewal quote. Shaped like `BookingQuote`; only a partial "
                "sample is documented, so only `id` and `status` are required."
            ),
        )
        S["RenewalQuote"] = obj(
            {
                "renewal_id": s_string("Pass it to Confirm renewal."),
                "quotes": s_array(ref("RenewalQuoteItem")),
            },
            required=["renewal_id", "quotes"],
            description="Answer to Quote for renewal. Further top-level fields are not "
                        "documented.",
        )
        S["RenewalConfirmation"] = s_free_object(
            "Answer to Confirm renewal. Its shape is not documented.")
        S["RenewalOptOutResponse"] = s_free_object(
            "Answer to Renewal opt-out. Its shape is not documented.")

    # ---- requests ----
    S["OptOutRequest"] = obj(
        {"partner_metadata": ref("PartnerMetadata")},
        description="Optional data about the sale. An empty object is fine.",
        additional=False,
    )
    ticket_price = (
        {"total_ticket_price": s_money("Total price of all tickets.")}
        if s19 else
        {"tickets": s_array(ref("Ticket"), "One entry per ticket.")}
    )
    S["EventTicketProtectionPolicyRequest"] = obj(
        {
            "policy_type": s_string("`event_ticket_protection`."),
            "policy_type_version": s_int("e.g. `1`."),
            "policy_start_date": s_datetime(),
            "event_datetime": s_datetime(),
            "event_name": s_string(),
            "event_location": s_string(),
            "number_of_tickets": s_int(),
            **ticket_price,
            "resale_ticket": s_bool(),
            "event_country": s_string("ISO 3166-1 alpha-2."),
            "partner_price": s_money("Price the partner charges (Instant booking)."),
        },
        required=["policy_type", "policy_type_version", "policy_start_date",
                  *ticket_price.keys()],
        description="Event ticket protection (`policy_type: event_ticket_protection`).",
        additional=False,
    )
    if s21:
        S["Ticket"] = obj({"price": s_money("Price of this ticket.")}, required=["price"])
    S["GenericPolicyRequest"] = obj(
        {
            "policy_type": s_string("Product code, e.g. `travel_medical`."),
            "policy_type_version": s_int(),
            "policy_start_date": s_datetime(),
        },
        required=["policy_type", "policy_type_version", "policy_start_date"],
        description=(
            "Any product without a typed variant: the three fields every product has, plus the "
            "product's own fields, passed through unchanged."
        ),
        additional=True,
    )
    S["PolicyRequest"] = {
        "description": (
            "One product to quote. Every product has `policy_type`, `policy_type_version` and "
            "`policy_start_date`; the other fields depend on the product. Products with a "
            "typed variant are listed in the discriminator mapping; any other `policy_type` "
            "goes to `GenericPolicyRequest` (`x-discriminator-fallback`)."
        ),
        "oneOf": [ref("EventTicketProtectionPolicyRequest"), ref("GenericPolicyRequest")],
        "discriminator": {
            "propertyName": "policy_type",
            "mapping": {
                "event_ticket_protection": "#/components/schemas/"
                                           "EventTicketProtectionPolicyRequest",
            },
        },
        "x-discriminator-fallback": "#/components/schemas/GenericPolicyRequest",
    }
    S["CreateQuoteRequest"] = obj(
        {
            "currency": ref(cur),
            "request": s_array(ref("PolicyRequest"), "One entry per product."),
            "customer_country": ref("CustomerCountry"),
            "customer_region": s_string("e.g. `London`."),
            "customer_language": s_string("ISO 639-1, e.g. `en` or `en-us`."),
        },
        required=["currency", "request", "customer_country"],
        additional=False,
    )
    S["PolicyUpdateRequest"] = obj(
        {"quote_id": s_uuid("The quote to change.")},
        required=["quote_id"],
        description="Fields to change in one quote, next to its `quote_id` (e.g. `tickets`).",
        additional=True,
    )
    S["UpdateQuoteRequest"] = obj(
        {
            "currency": ref(cur),
            "request": s_array(ref("PolicyUpdateRequest")),
        },
        description="Fields to change. Quotes can't be added or removed here.",
        additional=False,
    )
    S["AddQuotesRequest"] = obj(
        {"request": s_array(ref("PolicyRequest"))},
        required=["request"],
        additional=False,
    )
    S["QuoteReference"] = obj({"id": s_uuid("Quote id.")}, required=["id"], additional=False)
    S["DeleteQuotesRequest"] = obj(
        {"quotes": s_array(ref("QuoteReference"), "The quotes to remove.")},
        required=["quotes"],
        additional=False,
    )
    S["BookingQuoteRequest"] = obj(
        {
            "id": s_uuid("Id of a quote of the package."),
            "insured": s_array(ref("InsuredRequest")),
            **only(s21, {"instalment_plan": s_string(
                "`name` of one of the quote's `instalment_plans`, e.g. `1year-monthly`.")}),
        },
        required=["id"],
        additional=False,
    )
    S["CreateBookingRequest"] = obj(
        {
            "quotes": s_array(ref("BookingQuoteRequest"), "The quotes to book."),
            "policyholder": ref("PolicyholderRequest"),
            "require_payment_confirmation": s_bool(
                "Keep the booking in `PENDING_PAYMENT` until Confirm booking is called."),
            **only(s21, {"customer_token_id": s_string(
                "Dual payment: the XPay customer token id. The policyholder email must match "
                "the XPay customer email.")}),
            "partner_metadata": ref("PartnerMetadata"),
        },
        required=["quotes", "policyholder"],
        additional=False,
    )
    S["InstantBookingRequest"] = obj(
        {
            "request": s_array(ref("PolicyRequest")),
            "currency": ref(cur),
            "customer_country": ref("CustomerCountry"),
            "customer_language": s_string("ISO 639-1, e.g. `en`."),
            "policyholder": ref("PolicyholderRequest"),
            "partner_metadata": ref("PartnerMetadata"),
        },
        required=["request", "currency", "policyholder"],
        additional=False,
    )
    S["QuoteUpdate"] = obj(
        {
            "id": s_uuid("Quote id."),
            "update_fields": s_free_object(
                "Product fields to change, named as in the product's PolicyRequest, e.g. "
                "`{\"number_of_tickets\": 3}`."),
        },
        required=["id", "update_fields"],
        additional=False,
    )
    S["UpdateBookingRequest"] = obj(
        {
            "policyholder": ref("PolicyholderUpdate"),
            "quotes": s_array(ref("QuoteUpdate")),
        },
        description="Send `policyholder`, `quotes` or both.",
        additional=False,
    )
    S["QuoteForUpdateRequest"] = obj(
        {"quotes": s_array(ref("QuoteUpdate"))},
        required=["quotes"],
        additional=False,
    )
    S["EmptyRequest"] = {
        "type": "object",
        "description": "An empty JSON object, `{}`.",
        "additionalProperties": False,
    }
    S["CancelQuoteRequest"] = obj(
        {"id": s_uuid("Quote id."), "reason_for_cancellation": s_string()},
        required=["id"],
        additional=False,
    )
    S["CancelBookingRequest"] = obj(
        {
            "preview": s_bool("`true`: return a refund preview and a `cancellation_id` without "
                              "cancelling. `false` or absent: cancel now."),
            "quotes": s_array(ref("CancelQuoteRequest"),
                              "Quotes to cancel; all of them when absent."),
        },
        additional=False,
    )
    if s21:
        S["SendEmailRequest"] = obj(
            {"event": s_string("Email to send again, e.g. `BOOKING_CANCELLED`.")},
            additional=False,
        )
        S["InstalmentPaymentConfirmation"] = obj(
            {
                "id": s_uuid("Quote id."),
                "instalment_number": s_int(),
                "instalment_id": s_uuid("Id of the scheduled payment (newer guide)."),
                "payment_attempted_date": s_datetime(),
                "payment_status": s_string("e.g. `PAID`."),
            },
            required=["id"],
            additional=False,
        )
        S["ConfirmInstalmentRequest"] = obj(
            {"quotes": s_array(ref("InstalmentPaymentConfirmation"))},
            required=["quotes"],
            additional=False,
        )
        S["RenewalConfirmationQuote"] = obj(
            {
                "id": s_string("The quote being renewed."),
                "policy_start_date": s_datetime("Start of the renewed policy."),
            },
            required=["id", "policy_start_date"],
            description="Further fields are not documented and are passed through.",
            additional=True,
        )
        S["ConfirmRenewalRequest"] = obj(
            {"quotes": s_array(ref("RenewalConfirmationQuote"))},
            required=["quotes"],
            additional=False,
        )
    if s19:
        S["LegacyRenewalConfirmationRequest"] = obj(
            {"paid_on": s_string("When the renewal was paid, e.g. `2019-12-20 02:42:12Z` "
                                 "(not strict RFC 3339).")},
            required=["paid_on"],
            additional=False,
        )

    # ---- webhooks ----
    S["WebhookPolicy"] = obj(
        {"policy_type": s_string(), "policy_name": s_string(), "policy_version": s_uuid()},
        required=["policy_type", "policy_name", "policy_version"],
    )
    S["BookingWebhookQuote"] = obj(
        {
            "id": s_uuid(),
            "policy_start_date": s_datetime(),
            "policy_end_date": s_datetime(),
            "status": ref("QuoteStatus"),
            "price": s_money(),
            "price_formatted": s_formatted("`price`"),
            "policy": ref("WebhookPolicy"),
            "duration": s_string("`[D ]HH:MM:SS[.ffffff]`."),
            "total_renewed_times": s_int(),
            "refund_value": s_money("BOOKING_CANCELLED only."),
        },
        required=["id", "policy_start_date", "policy_end_date", "status", "price",
                  "price_formatted", "policy", "duration", "total_renewed_times"],
    )
    S["BookingWebhookPayload"] = obj(
        {
            "id": s_string("Booking id."),
            "status": ref("QuoteStatus"),
            "currency": ref(cur),
            "total_price": s_money(),
            "total_price_formatted": s_formatted("`total_price`"),
            "partner_transaction_id": nullable(s_string()),
            "quotes": s_array(ref("BookingWebhookQuote")),
        },
        required=["id", "status", "currency", "total_price", "total_price_formatted",
                  "partner_transaction_id", "quotes"],
        description="Payload of the booking events.",
    )
    S["RenewalWebhookPayload"] = obj(
        {
            "id": s_string("Renewal id, e.g. `daSJp-fwdoj-REN`."),
            "package_id": s_string("Booking id."),
            "quote_id": s_uuid(),
            "status": s_string("Renewal status; `ACTIVE`, `DUE` and `UNPAID` seen."),
            "start_date": s_datetime(),
            "notification_date": s_datetime(),
            "due_date": s_datetime(),
            "expiry_date": s_datetime("End of the grace period."),
            "cancelled_on": nullable(s_datetime()),
            "paid_on": nullable(s_datetime()),
            "created_at": s_datetime(),
        },
        required=["id", "package_id", "quote_id", "status", "start_date", "notification_date",
                  "due_date", "expiry_date", "cancelled_on", "paid_on", "created_at"],
        description="Payload of the renewal events.",
    )
    for event, envelope, payload, desc in WEBHOOK_EVENTS:
        S[envelope] = obj(
            {"event": {"type": "string", "enum": [event]}, "payload": ref(payload)},
            required=["event", "payload"],
            description=f"`{event}` webhook. {desc}",
        )
    return S


# --------------------------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------------------------


def p_path(name, description, schema=None):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema or {"type": "string"}}


def p_query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


def p_partner_id(v):
    schema = {"type": "string"}
    if v.regenerated:
        schema["pattern"] = "^[A-Z0-9]+$"
    return p_path("partner_id", "Partner code, e.g. `LLODT`.", schema)


P_QUOTE_PACKAGE_ID = p_path("quote_package_id",
                            "Quote package id (the INS number), e.g. `33K6D-WBHLY-INS`.")
P_IDEMPOTENCY = {
    "name": IDEMPOTENCY_HEADER,
    "in": "header",
    "required": False,
    "description": (
        "Idempotency key (a UUID v4 is fine). If the same key and body were already processed "
        "in the last 48 hours, the stored answer is replayed with 409; 423 means the first "
        "request is still being processed."
    ),
    "schema": {"type": "string"},
}


def json_body(schema_name, required, description=None):
    out = {}
    if description:
        out["description"] = description
    out["required"] = required
    out["content"] = {"application/json": {"schema": ref(schema_name)}}
    return out


def ok(description, schema_name=None):
    out = {"description": description}
    if schema_name:
        out["content"] = {"application/json": {"schema": ref(schema_name)}}
    return out


ERROR_RESPONSE = {"$ref": "#/components/responses/Error"}


def error_responses(idempotent):
    codes = ["400", "401", "402", "404"]
    if idempotent:
        codes.append("409")
    codes.append("422")
    if idempotent:
        codes.append("423")
    codes.append("429")
    return {c: dict(ERROR_RESPONSE) for c in codes}


def op(operation_id, tag, summary, description, parameters, success, body=None,
       idempotent=False):
    out = {"tags": [tag], "summary": summary}
    if description:
        out["description"] = description
    out["operationId"] = operation_id
    params = list(parameters)
    if idempotent:
        params.append(dict(P_IDEMPOTENCY))
    out["parameters"] = params
    if body:
        out["requestBody"] = body
    out["responses"] = {**success, **error_responses(idempotent)}
    return out


def paths(v):
    s21 = not v.shapes_2019
    pid = p_partner_id(v)
    qp = P_QUOTE_PACKAGE_ID
    base = "/partners/{partner_id}"
    P = {}

    def add(path, method, operation):
        P.setdefault(base + path, {})[method] = operation

    # ---- Quotes ----
    opt_out_qp = dict(qp)
    if v.opt_out_id_described:
        opt_out_qp["description"] = ("Booking id (INS-number generated by XCover API) or "
                                     "fast_quote_id.")
    else:
        opt_out_qp.pop("description")
    if v.regenerated:
        opt_out_summary = "Opt out of a specific booking."
    else:
        opt_out_summary = ("Report conversion of the main product without ancillary insurance "
                           "products")
    add("/bookings/{quote_package_id}/opt_out", "post", op(
        "optOut", "Quotes", opt_out_summary,
        "Tells XCover that the customer bought the partner's main product without the "
        "insurance offered in the quote package. The package then shows status `OPTED_OUT`.",
        [pid, opt_out_qp],
        {"204": ok("Request succeeded. No body.")},
        body=json_body("OptOutRequest", v.bodies_required),
        idempotent=True,
    ))

    q_fast = p_query("fast_quote", "Compute the price without storing the quote.",
                     {"type": "boolean"})
    q_active = p_query("active_only", "Only active policies. Applies to testing API keys only.",
                       {"type": "boolean"})
    q_include = p_query("include_extra_fields", "Include `extra_fields` in a fast-quote "
                        "response; use together with `fast_quote`.", {"type": "boolean"})
    q_extra = p_query("extra_fields", "Extra fields to add to the response.",
                      {"type": "string"})
    quote_params = [q_fast, q_active, q_include]
    if v.has_extra_fields_param:
        quote_params.append(q_extra)
    if v.regenerated:
        quote_params.sort(key=lambda p: p["name"])
    add("/quotes/", "post", op(
        "createQuote", "Quotes", "Create a quote with provided parameters",
        "Prices one or more products for a customer and returns a quote package. With "
        "`fast_quote` the price is computed but not stored.",
        [pid, *quote_params],
        {"201": ok("The quote package.", "QuotePackage")},
        body=json_body("CreateQuoteRequest", v.bodies_required),
    ))
    add("/quotes/{quote_package_id}/", "get", op(
        "getQuote", "Quotes", "Retrieve a quote package",
        "Returns the quote package, also after it has been booked.",
        [pid, qp],
        {"200": ok("The quote package.", "QuotePackage")},
    ))
    add("/quotes/{quote_package_id}/", "patch", op(
        "updateQuote", "Quotes", "Update a quote package",
        "Changes the currency or product fields of existing quotes and prices them again. "
        "Quotes can't be added or removed here (see Add quotes and Delete quotes).",
        [pid, qp],
        {"200": ok("The re-priced quote package.", "QuotePackage")},
        body=json_body("UpdateQuoteRequest", True),
        idempotent=True,
    ))
    add("/quotes/{quote_package_id}/add/", "post", op(
        "addQuotes", "Quotes", "Add quotes to a quote package",
        None,
        [pid, qp],
        {"201": ok("The quote package with all its quotes, old and new.", "QuotePackage")},
        body=json_body("AddQuotesRequest", True),
        idempotent=True,
    ))
    add("/quotes/{quote_package_id}/delete/", "post", op(
        "deleteQuotes", "Quotes", "Remove quotes from a quote package",
        None,
        [pid, qp],
        {"200": ok("The quote package with the remaining quotes.", "QuotePackage")},
        body=json_body("DeleteQuotesRequest", True),
        idempotent=True,
    ))

    # ---- Bookings ----
    add("/bookings/", "get", {**op(
        "listBookings", "Bookings", "List bookings",
        "Returns the partner's bookings, one page at a time.",
        [pid,
         p_query("limit", "Page size.", {"type": "integer"}),
         p_query("offset", "Number of bookings to skip.", {"type": "integer"})],
        {"200": ok("One page of bookings.", "BookingList")},
    ), "x-pagination": {"items": "results", "next-link": "next"}})
    add("/bookings/{quote_package_id}/", "post", op(
        "createBooking", "Bookings", "Make a booking",
        "Books quotes of a quote package for a policyholder. Check afterwards that the status "
        "is `CONFIRMED` (or `PENDING_PAYMENT` with `require_payment_confirmation`) and that "
        "the price matches the quote. The API answers 200, not 201.",
        [pid, qp],
        {"200": ok("The booking.", "Booking")},
        body=json_body("CreateBookingRequest", True),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/", "get", op(
        "getBooking", "Bookings", "Retrieve a booking",
        "Retrieves a specific booking by its quote package id.",
        [pid, qp,
         p_query("language", "Language of the texts, e.g. `en` or `en-us`.",
                 {"type": "string"}),
         p_query("date", "A date-time (its meaning is not documented).",
                 {"type": "string", "format": "date-time"})],
        {"200": ok("The booking.", "Booking")},
    ))
    add("/bookings/{quote_package_id}/", "patch", op(
        "updateBooking", "Bookings", "Modify a booking",
        "Changes the policyholder or product fields of a booking directly, without a preview "
        "(see Quote for update for the two-step flow).",
        [pid, qp],
        {"200": ok("The updated booking.", "Booking")},
        body=json_body("UpdateBookingRequest", True),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/quote_for_update", "patch", op(
        "quoteForUpdate", "Bookings", "Quote a booking modification",
        "Prices a modification without applying it. The answer carries an `update_id` and the "
        "price differences; call Confirm update to apply it.",
        [pid, qp],
        {"200": ok("The booking as it would be after the change, with `update_id`.",
                   "Booking")},
        body=json_body("QuoteForUpdateRequest", True),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/confirm_update/{update_id}/", "post", op(
        "confirmUpdate", "Bookings", "Confirm a booking modification",
        "Applies a modification priced by Quote for update.",
        [pid, qp, p_path("update_id", "`update_id` from Quote for update, e.g. "
                         "`joaiJ-Cao42-o9ulM-UPD`.")],
        {"201": ok("The updated booking.", "Booking")},
        body=json_body("EmptyRequest", False),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/confirm", "put", op(
        "confirmBooking", "Bookings", "Confirm payment of a booking",
        "Moves a booking made with `require_payment_confirmation` from `PENDING_PAYMENT` to "
        "`CONFIRMED`.",
        [pid, qp],
        {"201": ok("The confirmed booking.", "Booking")},
        body=json_body("EmptyRequest", False),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/cancel", "post", op(
        "cancelBooking", "Bookings", "Cancel a booking",
        "Cancels quotes of a booking, or previews the refund with `preview: true`. Check "
        "`can_be_cancelled` first. Recommended flow: preview, refund the customer, then "
        "Confirm cancellation.",
        [pid, qp],
        {"200": ok("The cancellation (or its preview).", "CancellationResponse")},
        body=json_body("CancelBookingRequest", False),
        idempotent=True,
    ))
    add("/bookings/{quote_package_id}/confirm_cancellation/{cancellation_id}/", "post", op(
        "confirmCancellation", "Bookings", "Confirm a cancellation",
        "Carries out a cancellation previewed with `preview: true`.",
        [pid, qp, p_path("cancellation_id", "`cancellation_id` from a cancellation preview, "
                         "e.g. `u7Thv-d6C5P-8FAQW-CCL`.")],
        {"200": ok("The cancellation.", "CancellationResponse")},
        body=json_body("EmptyRequest", False),
        idempotent=True,
    ))
    if s21:
        add("/bookings/{quote_package_id}/send_email", "post", op(
            "sendEmail", "Bookings", "Send a booking email again",
            "Triggers an email of the booking again, e.g. `BOOKING_CANCELLED` (only for a "
            "cancelled booking).",
            [pid, qp],
            {"202": ok("Accepted. No body.")},
            body=json_body("SendEmailRequest", False),
            idempotent=True,
        ))

        # ---- Instalments ----
        add("/bookings/{quote_package_id}/instalments/", "get", op(
            "getInstalments", "Instalments", "Fetch instalment details",
            "Returns the instalment details of a booking, including the payment schedule.",
            [pid, qp],
            {"200": ok("Instalment details.", "InstalmentsResponse")},
        ))
        add("/bookings/{quote_package_id}/instalments/", "post", op(
            "confirmInstalment", "Instalments", "Confirm instalment",
            "Records whether an instalment payment succeeded.",
            [pid, qp],
            {"204": ok("Recorded. No body.")},
            body=json_body("ConfirmInstalmentRequest", True),
            idempotent=True,
        ))

    # ---- Bookings: instant booking ----
    add("/instant_booking/", "post", op(
        "instantBooking", "Bookings", "Make an instant booking",
        "Quotes and books in one call. Only for partners approved by Cover Genius.",
        [pid],
        {"200": ok("The booking.", "Booking")},
        body=json_body("InstantBookingRequest", True),
        idempotent=True,
    ))

    # ---- Renewals ----
    if s21:
        add("/renewals/{quote_package_id}/quote_for_renewal/", "patch", op(
            "quoteForRenewal", "Renewals", "Quote a renewal",
            "Prices the renewal of a booking. No request body.",
            [pid, qp],
            {"200": ok("The renewal quote.", "RenewalQuote")},
            idempotent=True,
        ))
        add("/renewals/{quote_package_id}/confirm/{renewal_id}/", "post", op(
            "confirmRenewal", "Renewals", "Confirm a renewal",
            "Confirms the renewal and issues the updated policy. Call it once the payment is "
            "collected.",
            [pid, qp, p_path("renewal_id", "`renewal_id` from Quote for renewal.")],
            {"200": ok("The confirmed renewal.", "RenewalConfirmation")},
            body=json_body("ConfirmRenewalRequest", True),
            idempotent=True,
        ))
        add("/renewals/{quote_package_id}/opt_out/", "post", op(
            "renewalOptOut", "Renewals", "Opt out of a renewal",
            "Stops the booking from being renewed.",
            [pid, qp],
            {"200": ok("Done.", "RenewalOptOutResponse")},
            body=json_body("EmptyRequest", False),
            idempotent=True,
        ))
    else:
        add("/renewals/{renewal_id}/confirmation", "patch", op(
            "confirmRenewalLegacy", "Renewals", "Confirm a renewal (legacy)",
            "Confirms payment of a renewal. The renewal id comes with the renewal webhook.",
            [pid, p_path("renewal_id", "Renewal id from the renewal webhook, e.g. "
                         "`IvtoW-zEZqf-REN`.")],
            {"202": ok("Accepted. No body.")},
            body=json_body("LegacyRenewalConfirmationRequest", True),
            idempotent=True,
        ))

    return dict(sorted(P.items()))


def webhooks():
    out = {}
    for event, envelope, _payload, desc in WEBHOOK_EVENTS:
        out[event] = {
            "post": {
                "summary": f"{event} event",
                "description": desc,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref(envelope)}},
                },
                "responses": {
                    "200": {"description": "Received. Any other answer is retried, at most 3 "
                                           "times."},
                },
            }
        }
    return out


# --------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------

INFO_DESCRIPTION = """\
The XCover API lets partners sell Cover Genius insurance next to their own products: quote,
book, modify and cancel policies, collect instalments and handle renewals.

This document was written by the xcover-rs project from the public API reference, the
integration guides and real recorded traffic (see spec/README.md in the project); the official
downloadable document was not available. Where real responses differ from the rendered
documentation, it describes what the API really sends.

Authentication: every request is signed with an HTTP signature over HMAC (see the security
scheme). Dates are RFC 3339; countries ISO 3166-1 alpha-2; currencies ISO 4217; languages
ISO 639-1. Money is a JSON number, except inside instalment taxes, where it is a decimal string.
"""

SECURITY_DESCRIPTION = """\
HTTP signature over HMAC. Every request carries:

- `Date`: the current time as an RFC 7231 IMF-fixdate, e.g. `Thu, 04 Nov 2021 18:07:11 GMT`.
- `Authorization`: `Signature keyId="<API key>",algorithm="hmac-sha512",signature="<SIG>"`,
  where SIG is the URL-encoded standard Base64 of HMAC-SHA512(API secret, `date: <Date>`).
  `hmac-sha256` and `hmac-sha384` are also accepted (`hmac-sha1` is deprecated). Signing
  `(request-target): <method> <path>` plus the date line, with `headers="(request-target) date"`,
  is accepted too.
- `X-Api-Key`: the API key. Documented as required; in practice requests succeed without it.

A new signature is needed for every request. Webhooks sent to the partner are signed the same
way (currently with hmac-sha256).
"""


def document(version):
    v = Version(version)
    tags = [
        {"name": "Quotes", **({"description": "Quotes API"} if v.regenerated else {})},
        {"name": "Bookings", "description": "Bookings: create, retrieve, modify and cancel."},
        {"name": "Instalments", "description": "Instalment payments of a booking."},
        {"name": "Renewals", "description": "Renewal of bookings."},
    ]
    doc = {
        "openapi": "3.0.3",
        "info": {
            "title": v.title,
            "version": version,
            "description": INFO_DESCRIPTION,
        },
        "servers": [
            {"url": "https://api.xcover.com/x", "description": "Production"},
            {"url": "https://staging.api.xcover.com/xcover",
             "description": "Sandbox (staging); testing API keys only"},
            {"url": "https://eu-central-1.staging.api.xcover.com/xcover",
             "description": "Sandbox (staging), eu-central-1"},
        ],
        "security": [{v.security_scheme: []}],
        "tags": tags,
        "x-idempotency": {"header": IDEMPOTENCY_HEADER, "replay-status": 409},
        "paths": paths(v),
        "components": {
            "schemas": schemas(v),
            "responses": {
                "Error": {
                    "description": "Error. 409 may also replay the stored answer of an "
                                   "idempotent request (see `x-idempotency`).",
                    "content": {"application/json": {"schema": ref("Error")}},
                },
            },
            "securitySchemes": {
                v.security_scheme: {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": SECURITY_DESCRIPTION,
                    "x-manual-auth": True,
                },
            },
        },
        "x-webhooks": webhooks(),
    }
    return doc


class Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper, data):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


Dumper.add_representer(str, _str_representer)
# Never emit YAML anchors/aliases: every schema is written out in full.
Dumper.ignore_aliases = lambda self, data: True


HEADER = (
    "# XCover API {version}, as an OpenAPI 3.0.3 document written by the xcover-rs project.\n"
    "# Generated by spec/generate.py from one shared base for all versions; see spec/README.md.\n"
)


def render(version):
    body = yaml.dump(document(version), Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    return HEADER.format(version=version) + body


# --------------------------------------------------------------------------------------------
# The newest version in OpenAPI 3.1 form
# --------------------------------------------------------------------------------------------

# The version also written as OpenAPI 3.1, to test that a 3.1 document generates the same code.
OPENAPI31_VERSION = VERSIONS[-1]

HEADER31 = (
    "# XCover API {version}, as an OpenAPI 3.1.0 document written by the xcover-rs project: the\n"
    "# same API as xcover-{version}.yaml (OpenAPI 3.0.3), in 3.1 form. Generated by spec/generate.py\n"
    "# from that document; see spec/README.md.\n"
)

NULL = {"type": "null"}


def schema31(schema):
    """One OpenAPI 3.0 schema in 3.1 form, and its subschemas.

    - `nullable: true` beside a `type` is a type list `[type, "null"]`;
    - a nullable `allOf: [{$ref}]` (the 3.0 way to put a sibling beside a reference) is
      `anyOf: [{$ref}, {type: "null"}]`, and so is any other nullable schema without a `type`
      (a union gets the null member, a schema of any value is `anyOf: [{}, {type: "null"}]`);
    - a one-value `enum` is `const`;
    - `example` is `examples: [example]`.
    """
    if not isinstance(schema, dict) or "$ref" in schema:
        return schema
    s = dict(schema)
    for key in ("properties",):
        if key in s:
            s[key] = {name: schema31(sub) for name, sub in s[key].items()}
    for key in ("items", "not"):
        if key in s:
            s[key] = schema31(s[key])
    if isinstance(s.get("additionalProperties"), dict):
        s["additionalProperties"] = schema31(s["additionalProperties"])
    for key in ("allOf", "anyOf", "oneOf"):
        if key in s:
            s[key] = [schema31(sub) for sub in s[key]]
    if "enum" in s and len(s["enum"]) == 1:
        s = {("const" if key == "enum" else key): (value[0] if key == "enum" else value)
             for key, value in s.items()}
    if "example" in s:
        s = {("examples" if key == "example" else key): ([value] if key == "example" else value)
             for key, value in s.items()}
    if s.pop("nullable", False):
        if "type" in s:
            s["type"] = [s["type"], "null"]
        elif list(s.get("allOf", [{}])[0]) == ["$ref"] and len(s.get("allOf", [])) == 1:
            members = s.pop("allOf")
            s = {"anyOf": members + [NULL], **s}
        elif "oneOf" in s or "anyOf" in s:
            key = "oneOf" if "oneOf" in s else "anyOf"
            s[key] = s[key] + [NULL]
        else:
            s = {"anyOf": [{}, NULL], **s}
    return s


def content31(content):
    return {media: {key: (schema31(value) if key == "schema" else value)
                    for key, value in media_type.items()}
            for media, media_type in content.items()}


def parameter31(parameter):
    parameter = dict(parameter)
    if "schema" in parameter:
        parameter["schema"] = schema31(parameter["schema"])
    if "content" in parameter:
        parameter["content"] = content31(parameter["content"])
    return parameter


def body31(body):
    body = dict(body)
    if "content" in body:
        body["content"] = content31(body["content"])
    if "headers" in body:
        body["headers"] = {name: parameter31(h) for name, h in body["headers"].items()}
    return body


def path_item31(item):
    item = dict(item)
    if "parameters" in item:
        item["parameters"] = [parameter31(p) for p in item["parameters"]]
    for method, operation in list(item.items()):
        if method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            operation = dict(operation)
            if "parameters" in operation:
                operation["parameters"] = [parameter31(p) for p in operation["parameters"]]
            if "requestBody" in operation:
                operation["requestBody"] = body31(operation["requestBody"])
            operation["responses"] = {status: body31(response)
                                      for status, response in operation["responses"].items()}
            item[method] = operation
    return item


def document31(version):
    """The document of `version` in OpenAPI 3.1 form: the same API, so the same generated code.
    `x-webhooks` is the top-level `webhooks`."""
    doc = document(version)
    out = {}
    for key, value in doc.items():
        if key == "openapi":
            out[key] = "3.1.0"
        elif key == "paths":
            out[key] = {path: path_item31(item) for path, item in value.items()}
        elif key == "components":
            components = dict(value)
            components["schemas"] = {name: schema31(s) for name, s in value["schemas"].items()}
            components["responses"] = {name: body31(r) for name, r in value["responses"].items()}
            out[key] = components
        elif key == "x-webhooks":
            out["webhooks"] = {event: path_item31(item) for event, item in value.items()}
        else:
            out[key] = value
    return out


def render31(version):
    body = yaml.dump(document31(version), Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    return HEADER31.format(version=version) + body


def main(argv):
    check = "--check" in argv
    stale = []
    outputs = [(HERE / f"xcover-{version}.yaml", render, version) for version in VERSIONS]
    outputs.append((HERE / f"xcover-{OPENAPI31_VERSION}.openapi31.yaml", render31,
                    OPENAPI31_VERSION))
    for path, render_version, version in outputs:
        text = render_version(version)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python3 spec/generate.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
