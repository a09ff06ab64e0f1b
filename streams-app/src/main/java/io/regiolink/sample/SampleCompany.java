package io.regiolink.sample;

import java.util.ArrayList;
import java.util.List;

/** One synthetic company of the sample register, as the generator and the trickle change it. */
final class SampleCompany {
  final String number;
  final String name;
  final boolean knowledgeIntensive;
  String status = "active";
  List<String> sicCodes;
  String officePostcode;
  final List<String[]> sites = new ArrayList<>(); // {siteId, postcode}
  int nextSite = 1;

  SampleCompany(String number, String name, boolean knowledgeIntensive, List<String> sicCodes, String officePostcode) {
    this.number = number;
    this.name = name;
    this.knowledgeIntensive = knowledgeIntensive;
    this.sicCodes = sicCodes;
    this.officePostcode = officePostcode;
  }

  String officeDistrict() {
    return officePostcode.substring(0, officePostcode.indexOf(' '));
  }

  void addSite(String postcode) {
    sites.add(new String[] {"s" + nextSite++, postcode});
  }
}
